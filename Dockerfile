FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 VAR_DIR=/var/lib/leerkring
# WeasyPrint needs Pango; DejaVu gives the PDFs a font with every Dutch character.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install .
COPY . .
# collectstatic runs with the production settings (DEBUG off) so the hashed manifest that
# whitenoise serves at run time is written; the key and mail backend exist for this step only.
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv \
 && DEBUG=0 SECRET_KEY=build-only EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend \
    python manage.py collectstatic --noinput \
 && useradd --system --home /app leerkring \
 && mkdir -p /var/lib/leerkring/reports && chown -R leerkring /var/lib/leerkring

USER leerkring
EXPOSE 8000
CMD ["gunicorn", "leerkring.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
