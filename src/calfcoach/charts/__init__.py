"""Chart specifications, defined once, rendered in the page and exported as PNG or SVG."""
