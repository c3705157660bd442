"""Plain data types and the rules of the sport; imports nothing else of the package."""
