"""gunicorn entry point: `gunicorn wsgi:app` (see gunicorn.conf.py)."""

from searchsvc.web import create_app

app = create_app()
