"""The tests (heel-raise, knee-to-wall, balance) with their protocols and published norms (pure)."""
