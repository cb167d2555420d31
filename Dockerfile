# The dashboard in one container: deploy/serve.py supervises the Streamlit replicas and nginx, exactly as
# `make serve-prod` does, with the settings of deploy/streamlit.env.
#   docker build -t lang-son-plan .
#   docker run --rm -p 8080:8080 -e STREAMLIT_SERVER_COOKIE_SECRET=… lang-son-plan
# REPLICAS (default 2) sets the number of replicas; give the container about 1 CPU and 1 GiB per replica.
# Several containers behind another balancer need sticky sessions there too (see the README, "Deploy").
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-filter \
      libnginx-mod-http-brotli-static brotli \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /home/app --shell /usr/sbin/nologin app

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir --disable-pip-version-check -r requirements.txt

COPY . .
# The static edition (build/site, served by nginx) and Streamlit's static files, pre-compressed, at build time.
# PLAN_PUBLIC_URL (the public address, for canonical links and the sitemap) can be given with --build-arg.
ARG PLAN_PUBLIC_URL=http://localhost:8080/
RUN PLAN_PUBLIC_URL=$PLAN_PUBLIC_URL python -m components.static_build \
 && python deploy/serve.py --prepare-only \
 && mkdir -p .serve-prod/run \
 && chown -R app:app .serve-prod

USER app
ENV REPLICAS=2 PORT=8080 LISTEN=0.0.0.0 PYTHONUNBUFFERED=1
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/_stcore/health', timeout=5)"
CMD ["python", "deploy/serve.py"]
