"""The coaching engine: plans, prescriptions, progression, pain monitoring, readiness gates (pure)."""
