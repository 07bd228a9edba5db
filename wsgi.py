"""gunicorn entry point: `gunicorn wsgi:app` (see gunicorn.conf.py)."""

from searchsvc.web import create_app

app = create_app()
# each worker opens a new build or update in the background, so that no request waits for it
for service in ("search", "quotes"):
    app.extensions[service].watch()
