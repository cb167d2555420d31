# Two images from one recipe, for one container, compose.yaml or Kubernetes (deploy/k8s/):
#
#   docker build -t lang-son-plan .                               # the app (the last stage, "app")
#   docker build --target static -t lang-son-plan-static \
#     --build-arg PLAN_PUBLIC_URL=https://…/ .                     # the static edition, served by nginx
#
# The app image (which carries the static edition too) runs deploy/serve.py by default: the Streamlit replicas
# and nginx in one container, exactly as `make serve-prod` does, with the settings of deploy/streamlit.env:
#   docker run --rm -p 8080:8080 -e STREAMLIT_SERVER_COOKIE_SECRET=… lang-son-plan
# REPLICAS (default 2) sets the number of replicas; give the container about 1 CPU and 1 GiB per replica.
# compose.yaml and Kubernetes run one replica per container instead (`python -m streamlit run server.py`) and put
# the sticky-cookie balancer in front. Both images run as user 10001 and need nothing writable but /tmp.

# --- Python and the project's requirements, shared by the stages below ---------------------------------
FROM python:3.11-slim-bookworm AS base
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

# --- The static edition (`make static`): plain HTML pages built from the same data and catalogs --------
FROM base AS site
# The public address goes into sitemap.xml, robots.txt and the pages' canonical links.
ARG PLAN_PUBLIC_URL=http://localhost:8080/
COPY . .
# Pages, PDF briefs, /assets/, the data download, sitemap.xml, robots.txt and 404.html into build/site, with
# .gz and .br copies of every text file for nginx to send as they are (what `make static` runs).
RUN PLAN_PUBLIC_URL="$PLAN_PUBLIC_URL" python -m components.static_build --out build/site

FROM debian:bookworm-slim AS static
RUN apt-get update && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin app
COPY deploy/static-site.conf /etc/lang-son-plan/static-site.conf
COPY --from=site /app/build/site /srv/static
USER 10001
EXPOSE 8080
# No curl in the image: bash's /dev/tcp asks for /healthz.
HEALTHCHECK --interval=15s --timeout=6s --start-period=5s \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
CMD ["nginx", "-c", "/etc/lang-son-plan/static-site.conf", "-e", "stderr", "-g", "daemon off;"]

# --- The app: Streamlit, with Debian's nginx for the one-container and compose set-ups -----------------
FROM base AS app
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-filter \
      libnginx-mod-http-brotli-static brotli \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --create-home --home-dir /home/app --shell /usr/sbin/nologin app

COPY . .
# The static edition, for nginx in this image (one container, compose) to serve from build/site.
COPY --from=site /app/build/site build/site
# Pre-compress Streamlit's static files and compile the Python files once, at build time: the container's
# root filesystem may be read-only.
RUN python deploy/serve.py --prepare-only \
 && python -m compileall -q app.py server.py pages components deploy \
 && mkdir -p .serve-prod/run \
 && chown -R 10001:10001 .serve-prod

USER 10001
ENV REPLICAS=2 PORT=8080 LISTEN=0.0.0.0 HOME=/tmp
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/_stcore/health', timeout=5)"]
CMD ["python", "deploy/serve.py"]
