"""HTML pages: Jinja2 templates and static files (htmx, the session player, charts)."""
