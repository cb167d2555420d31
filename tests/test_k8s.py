"""The container and Kubernetes set-up, read as files: no cluster, no container engine, no network.

Every Kubernetes object of ``deploy/k8s/`` (the base and each overlay, rendered here as kustomize would)
validates against the schemas bundled in ``kubernetes-validate`` in strict mode; the Gateway API and
Envoy Gateway objects, which have no bundled schema, are checked field by field. The Dockerfile,
``compose.yaml``, the manifests, ``deploy/streamlit.env`` and the systemd unit must agree on ports, user,
environment, health check and entry command. The static edition's nginx configuration is run on loopback.
"""

from __future__ import annotations

import copy
import math
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from components import server, site
from deploy import serve

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = sorted(p.parent.name for p in (K8S / "overlays").glob("*/kustomization.yaml"))
# Kubernetes versions the core objects must be valid for: the oldest supported here and the newest bundled.
K8S_VERSIONS = ["1.33", kubernetes_validate.utils.latest_version()]
CUSTOM_KINDS = {
    ("gateway.networking.k8s.io/v1", "Gateway"),
    ("gateway.networking.k8s.io/v1", "HTTPRoute"),
    ("gateway.envoyproxy.io/v1alpha1", "ClientTrafficPolicy"),
    ("gateway.envoyproxy.io/v1alpha1", "BackendTrafficPolicy"),
    ("gateway.envoyproxy.io/v1alpha1", "EnvoyProxy"),
}
# The static edition's paths, as components/server.py routes them (and nginx.conf.in serves them).
STATIC_PREFIXES = (*(f"/{lang}" for lang in site.STATIC_LANGS), "/assets")
STATIC_FILES = server.ROOT_FILES
# Gateway API durations (GEP-2257).
DURATION = re.compile(r"^([0-9]{1,5}(h|m|s|ms)){1,4}$")
UID = 10001


# --- rendering, as kustomize does for what our kustomizations use -----------------------------------------

def _docs(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def _pointer_set(doc: dict, pointer: str, value, op: str) -> None:
    *parents, last = [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]
    node = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        if op == "add":  # JSON patch: insert before the index, or append at "-"
            node.insert(len(node) if last == "-" else int(last), value)
        else:
            node[int(last)] = value
    else:
        assert op == "add" or last in node, f"replace of a missing field {pointer}"
        node[last] = value


def render(folder: Path) -> list[dict]:
    """The objects ``kubectl kustomize folder`` prints: resources, JSON 6902 patches, images, namespace."""
    kust = yaml.safe_load((folder / "kustomization.yaml").read_text(encoding="utf-8"))
    objects = []
    for res in kust.get("resources", []):
        path = folder / res
        objects += render(path) if path.is_dir() else _docs(path)
    objects = copy.deepcopy(objects)
    for patch in kust.get("patches", []):
        target = patch["target"]
        hits = [o for o in objects if o["kind"] == target["kind"] and o["metadata"]["name"] == target["name"]]
        assert len(hits) == 1, f"patch target {target} matches {len(hits)} objects"
        for op in yaml.safe_load(patch["patch"]):
            assert op["op"] in ("add", "replace"), op
            _pointer_set(hits[0], op["path"], op["value"], op["op"])
    for image in kust.get("images", []):
        used = 0
        for obj in objects:
            for c in obj.get("spec", {}).get("template", {}).get("spec", {}).get("containers", []):
                name, _, _tag = c["image"].partition(":")
                if name == image["name"]:
                    used += 1
                    c["image"] = f"{image.get('newName', name)}:{image.get('newTag', _tag)}"
        assert used, f"the image {image['name']} is used by no container"
    if "namespace" in kust:
        for obj in objects:
            obj["metadata"]["namespace"] = kust["namespace"]
    return objects


SETS = {"base": render(K8S / "base"), **{name: render(K8S / "overlays" / name) for name in OVERLAYS}}


def _one(objects: list[dict], kind: str, name: str) -> dict:
    hits = [o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name]
    assert len(hits) == 1, f"{kind}/{name}: {len(hits)} objects"
    return hits[0]


def _container(objects: list[dict], deployment: str) -> dict:
    return _one(objects, "Deployment", deployment)["spec"]["template"]["spec"]["containers"][0]


def _env(container: dict) -> dict[str, str]:
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container["env"]}


@pytest.mark.parametrize("name", OVERLAYS)
def test_the_python_rendering_matches_kubectl_kustomize(name):
    """The tests below read overlays rendered here; kustomize itself must agree, where it is installed."""
    kubectl = shutil.which("kubectl")
    if not kubectl:
        pytest.skip("kubectl (with its built-in kustomize) is not installed")
    out = subprocess.run([kubectl, "kustomize", str(K8S / "overlays" / name)], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    by_key = lambda objs: {(o["kind"], o["metadata"]["name"]): o for o in objs}  # noqa: E731
    assert by_key([d for d in yaml.safe_load_all(out) if d]) == by_key(SETS[name])


# --- schemas -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("name", list(SETS))
def test_every_core_object_validates_strictly(name, version):
    custom = 0
    for obj in SETS[name]:
        if (obj["apiVersion"], obj["kind"]) in CUSTOM_KINDS:
            custom += 1
            continue
        kubernetes_validate.validate(obj, version, strict=True)  # raises on any unknown or wrong field
    assert custom >= 5  # the Gateway, the route, the Envoy proxies and two policies are checked below


# --- the app's pods ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(SETS))
def test_probes_ask_streamlit_for_its_health_on_the_served_port(name):
    c = _container(SETS[name], "lang-son-plan")
    port = {p["name"]: p["containerPort"] for p in c["ports"]}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = c[probe]["httpGet"]
        assert get["path"] == "/_stcore/health"
        assert port[get["port"]] == int(_env(c)["STREAMLIT_SERVER_PORT"])
    # A busy replica answers late: at least a minute of failed checks before a restart, as deploy/serve.py.
    live = c["livenessProbe"]
    assert live["periodSeconds"] * live["failureThreshold"] >= 60
    start = c["startupProbe"]
    assert start["periodSeconds"] * start["failureThreshold"] >= 90


def test_the_environment_is_deploy_streamlit_env():
    env = _env(_container(SETS["base"], "lang-son-plan"))
    expected = serve.read_env_file()
    # In a pod Streamlit listens on the pod's address (deploy/streamlit.env keeps it to loopback behind nginx).
    expected["STREAMLIT_SERVER_ADDRESS"] = "0.0.0.0"
    extra = {"STREAMLIT_SERVER_PORT", "STREAMLIT_SERVER_COOKIE_SECRET", "HOME"}
    assert {k: v for k, v in env.items() if k not in extra} == expected
    assert env["HOME"] == "/tmp"  # the only writable place


def test_production_pages_name_their_https_address():
    """The app's canonical and og:url links (components/app_html.py base_url) use PLAN_PUBLIC_URL when set; a
    pod behind Envoy would otherwise name http://, the scheme it is reached by."""
    objects = SETS["prod"]
    url = _env(_container(objects, "lang-son-plan"))["PLAN_PUBLIC_URL"]
    https = [l for l in _one(objects, "Gateway", "lang-son-plan")["spec"]["listeners"] if l["protocol"] == "HTTPS"]  # noqa: E741
    assert url == f"https://{https[0]['hostname']}/"
    assert _one(objects, "HTTPRoute", "lang-son-plan")["spec"]["hostnames"] == [https[0]["hostname"]]
    # The static image is built with the same address (deploy/k8s/README.md's build command).
    assert f"--build-arg PLAN_PUBLIC_URL={url} ." in (K8S / "README.md").read_text(encoding="utf-8")
    # The base and dev name the address the visitor used (plain HTTP): nothing set there.
    for name in ("base", "dev"):
        assert "PLAN_PUBLIC_URL" not in _env(_container(SETS[name], "lang-son-plan"))


def test_the_app_takes_its_address_from_plan_public_url(monkeypatch):
    """What the test above relies on: app_html.base_url prefers PLAN_PUBLIC_URL to the request's scheme."""
    from starlette.requests import Request

    from components import app_html
    request = Request({"type": "http", "scheme": "http", "server": ("10.0.0.7", 8501), "path": "/targets",
                       "root_path": "", "query_string": b"", "headers": [(b"host", b"quyhoach.langson.example")]})
    monkeypatch.delenv("PLAN_PUBLIC_URL", raising=False)
    assert app_html.base_url(request) == "http://quyhoach.langson.example"
    monkeypatch.setenv("PLAN_PUBLIC_URL", _env(_container(SETS["prod"], "lang-son-plan"))["PLAN_PUBLIC_URL"])
    assert app_html.base_url(request) == "https://quyhoach.langson.example"


@pytest.mark.parametrize("name", list(SETS))
def test_the_cookie_secret_comes_from_a_secret_and_is_the_same_for_every_pod(name):
    env = _env(_container(SETS[name], "lang-son-plan"))
    ref = env["STREAMLIT_SERVER_COOKIE_SECRET"]["secretKeyRef"]
    assert ref == {"name": "lang-son-plan-cookie", "key": "cookie-secret"}
    assert not [o for o in SETS[name] if o["kind"] == "Secret"]  # created by the operator, never committed


@pytest.mark.parametrize("deployment", ["lang-son-plan", "lang-son-plan-static"])
@pytest.mark.parametrize("name", list(SETS))
def test_pods_run_as_non_root_on_a_read_only_root_with_a_writable_tmp(name, deployment):
    spec = _one(SETS[name], "Deployment", deployment)["spec"]["template"]["spec"]
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert spec["securityContext"]["runAsUser"] == UID
    assert spec["automountServiceAccountToken"] is False
    c = spec["containers"][0]
    sc = c["securityContext"]
    assert sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False
    assert sc["capabilities"]["drop"] == ["ALL"]
    mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
    volumes = {v["name"]: v for v in spec["volumes"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]


@pytest.mark.parametrize("name", list(SETS))
def test_resources_are_requested_and_limited(name):
    for deployment in ("lang-son-plan", "lang-son-plan-static"):
        res = _container(SETS[name], deployment)["resources"]
        assert set(res) == {"requests", "limits"}
        for key in ("cpu", "memory"):
            assert _quantity(res["requests"][key]) <= _quantity(res["limits"][key])
    app = _container(SETS[name], "lang-son-plan")["resources"]
    assert _quantity(app["limits"]["cpu"]) <= 1  # one Python process: more than a core is never used
    assert _quantity(app["limits"]["memory"]) >= 512 * 2**20  # a settled replica is about 200 MiB


def _quantity(q: str | int) -> float:
    q = str(q)
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    for suffix, factor in units.items():
        if q.endswith(suffix):
            return float(q[: -len(suffix)]) * factor
    return float(q)


@pytest.mark.parametrize("name", list(SETS))
def test_a_pod_leaving_keeps_its_sessions_for_a_while(name):
    spec = _one(SETS[name], "Deployment", "lang-son-plan")["spec"]
    pod = spec["template"]["spec"]
    wait = pod["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pod["terminationGracePeriodSeconds"] >= wait + 10
    if name != "dev":  # the dev overlay shortens it on purpose
        assert wait >= 300
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


# --- labels, selectors and the autoscaler ------------------------------------------------------------------

def _matches(selector: dict, labels: dict) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


@pytest.mark.parametrize("name", list(SETS))
def test_labels_match_selectors(name):
    objects = SETS[name]
    pods = {o["metadata"]["name"]: o["spec"]["template"]["metadata"]["labels"]
            for o in objects if o["kind"] == "Deployment"}
    for o in objects:
        if o["kind"] == "Deployment":
            labels = o["spec"]["template"]["metadata"]["labels"]
            assert _matches(o["spec"]["selector"]["matchLabels"], labels)
            for spread in o["spec"]["template"]["spec"].get("topologySpreadConstraints", []):
                assert spread["labelSelector"]["matchLabels"] == o["spec"]["selector"]["matchLabels"]
            # Selectors must not overlap: the static pods are not the app's, and the other way round.
            others = [n for n, lab in pods.items() if n != o["metadata"]["name"]
                      and _matches(o["spec"]["selector"]["matchLabels"], lab)]
            assert not others
        selector = {"Service": lambda s: s["selector"],
                    "PodDisruptionBudget": lambda s: s["selector"]["matchLabels"],
                    "NetworkPolicy": lambda s: s["podSelector"]["matchLabels"]}.get(o["kind"])
        if selector:
            hits = [n for n, lab in pods.items() if _matches(selector(o["spec"]), lab)]
            assert hits == [o["metadata"]["name"]], f"{o['kind']}/{o['metadata']['name']} selects {hits}"
    svc = _one(objects, "Service", "lang-son-plan")["spec"]["ports"][0]
    assert svc["targetPort"] == "http"


@pytest.mark.parametrize("name", list(SETS))
def test_the_autoscaler_owns_the_app_and_scales_in_slowly(name):
    objects = SETS[name]
    hpa = _one(objects, "HorizontalPodAutoscaler", "lang-son-plan")["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "lang-son-plan"}
    assert hpa["minReplicas"] >= 2 and hpa["maxReplicas"] >= hpa["minReplicas"]
    # No replica count in the Deployment: an apply would reset the autoscaler's and end sessions.
    assert "replicas" not in _one(objects, "Deployment", "lang-son-plan")["spec"]
    [metric] = hpa["metrics"]
    assert metric["resource"]["name"] == "cpu" and metric["resource"]["target"]["type"] == "Utilization"
    down = hpa["behavior"]["scaleDown"]
    assert down["stabilizationWindowSeconds"] >= 300
    assert down["selectPolicy"] == "Min"
    assert all(p["type"] == "Pods" and p["value"] == 1 and p["periodSeconds"] >= 300 for p in down["policies"])
    pdb = _one(objects, "PodDisruptionBudget", "lang-son-plan")["spec"]
    assert pdb["maxUnavailable"] == 1


def _capacity_model() -> dict[str, int]:
    """deploy/k8s/README.md's capacity table: sessions per pod, and app pods for 1,000 and 10,000 visitors."""
    text = (K8S / "README.md").read_text(encoding="utf-8")
    per_pod = re.search(r"^\| Visitors per pod \(assumption 3\) \| (\d+) \| (\d+) \|$", text, re.M)
    assert per_pod.group(1) == per_pod.group(2)
    pods = re.search(r"^\| \*\*App pods\*\*[^|]*\| \*\*(\d+) app pods\*\*[^|]*\| \*\*(\d+) app pods\*\*", text, re.M)
    return {"per_pod": int(per_pod.group(1)), 1000: int(pods.group(1)), 10000: int(pods.group(2)), "text": text}


def test_the_autoscalers_can_reach_the_pods_of_the_capacity_model():
    """deploy/k8s/README.md: pods for 1,000 (base) and 10,000 (prod) concurrent visitors."""
    model = _capacity_model()
    for visitors in (1000, 10000):
        busy = math.ceil(visitors / model["per_pod"])
        spare = 1 if busy <= 10 else math.ceil(busy / 10)  # assumption 6
        assert model[visitors] == busy + spare
    for name, visitors in (("base", 1000), ("prod", 10000)):
        assert _one(SETS[name], "HorizontalPodAutoscaler", "lang-son-plan")["spec"]["maxReplicas"] >= model[visitors]


HPA_TOLERANCE = 0.1  # the autoscaler acts when usage / target is outside 1 ± this (the Kubernetes default)


def _replica_cpu(sessions: int) -> list[float]:
    """Cores one replica used at this many sessions at the full rate: bench/RESULTS.md, "One replica's capacity"."""
    text = (ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    table = text.split("# One replica's capacity")[1].split("**What it says.**")[0]
    cores = []
    for row in re.findall(r"^\| \d+ \| (\d+)(?: \(repeat\))? \|(.*)$", table, re.M):
        cells = [c.strip() for c in row[1].split("|")]
        if int(row[0]) == sessions and cells[0] != "" and cells[6]:
            cpu, window = re.fullmatch(r"([\d.]+) s / ([\d.]+) s", cells[7]).groups()
            cores.append(float(cpu) / float(window))
    return cores


@pytest.mark.parametrize("name", list(SETS))
def test_the_autoscaler_adds_pods_at_the_sessions_per_pod_of_the_capacity_model(name):
    """The CPU target is where a pod reaches the planned sessions: not 200 sessions (queued page runs)."""
    per_pod = _capacity_model()["per_pod"]
    at_plan, above = _replica_cpu(per_pod), _replica_cpu(200)
    assert len(at_plan) == 3 and len(above) == 3  # the runs bench/RESULTS.md records
    request = _quantity(_container(SETS[name], "lang-son-plan")["resources"]["requests"]["cpu"])
    [metric] = _one(SETS[name], "HorizontalPodAutoscaler", "lang-son-plan")["spec"]["metrics"]
    target = metric["resource"]["target"]["averageUtilization"] / 100 * request
    scale_out = target * (1 + HPA_TOLERANCE)
    # Pods are added once they pass the CPU of the planned sessions, and settle at or under it.
    assert target <= sum(at_plan) / len(at_plan) <= scale_out
    assert scale_out < min(above)
    if name == "base":  # the README states the same arithmetic
        text = _capacity_model()["text"]
        assert f"target of **{metric['resource']['target']['averageUtilization']} %**" in text
        assert f"**{scale_out:.3f} core**" in text and f"{sum(at_plan) / len(at_plan):.3f} on average" in text


@pytest.mark.parametrize("name", list(SETS))
def test_network_policy_admits_only_the_gateway_and_dns(name):
    objects = SETS[name]
    gateway = _one(objects, "Gateway", "lang-son-plan")
    for policy_name, deployment in (("lang-son-plan", "lang-son-plan"), ("lang-son-plan-static", "lang-son-plan-static")):
        spec = _one(objects, "NetworkPolicy", policy_name)["spec"]
        assert sorted(spec["policyTypes"]) == ["Egress", "Ingress"]
        [rule] = spec["ingress"]
        [peer] = rule["from"]
        assert peer["namespaceSelector"]["matchLabels"] == {"kubernetes.io/metadata.name": "envoy-gateway-system"}
        # This Gateway's Envoy pods only: its name and its namespace (both overlays name it the same).
        assert peer["podSelector"]["matchLabels"] == {
            "gateway.envoyproxy.io/owning-gateway-name": gateway["metadata"]["name"],
            "gateway.envoyproxy.io/owning-gateway-namespace": gateway["metadata"].get("namespace", "lang-son-plan")}
        served = [p["containerPort"] for p in _container(objects, deployment)["ports"]]
        assert [p["port"] for p in rule["ports"]] == served
        [egress] = spec["egress"]
        assert sorted((p["protocol"], p["port"]) for p in egress["ports"]) == [("TCP", 53), ("UDP", 53)]
        assert egress["to"][0]["podSelector"]["matchLabels"] == {"k8s-app": "kube-dns"}


def test_each_overlays_pods_admit_only_its_own_gateway():
    """Two overlays on one cluster: neither one's Envoy pods match the other's network policies."""
    namespaces = {name: _one(SETS[name], "Gateway", "lang-son-plan")["metadata"]["namespace"] for name in OVERLAYS}
    assert len(set(namespaces.values())) == len(namespaces)
    for name in OVERLAYS:
        for other in OVERLAYS:
            envoy = {"gateway.envoyproxy.io/owning-gateway-name": "lang-son-plan",
                     "gateway.envoyproxy.io/owning-gateway-namespace": namespaces[other]}
            for policy in (o for o in SETS[name] if o["kind"] == "NetworkPolicy"):
                [peer] = policy["spec"]["ingress"][0]["from"]
                assert _matches(peer["podSelector"]["matchLabels"], envoy) == (name == other)


# --- the edge: Gateway API and Envoy Gateway objects, field by field ---------------------------------------

def _rules(objects: list[dict]) -> dict[str, dict]:
    return {r["name"]: r for r in _one(objects, "HTTPRoute", "lang-son-plan")["spec"]["rules"]}


@pytest.mark.parametrize("name", list(SETS))
def test_gateway_and_route_fields(name):
    objects = SETS[name]
    gw = _one(objects, "Gateway", "lang-son-plan")["spec"]
    assert set(gw) == {"gatewayClassName", "infrastructure", "listeners"}
    # Its Envoy pods are described by the EnvoyProxy of the same set (a local reference: same namespace).
    assert gw["infrastructure"] == {"parametersRef": {"group": "gateway.envoyproxy.io", "kind": "EnvoyProxy",
                                                      "name": "lang-son-plan"}}
    _one(objects, "EnvoyProxy", "lang-son-plan")
    for listener in gw["listeners"]:
        assert set(listener) <= {"name", "protocol", "port", "hostname", "tls", "allowedRoutes"}
        assert listener["protocol"] in ("HTTP", "HTTPS") and 1 <= listener["port"] <= 65535
        if listener["protocol"] == "HTTPS":
            assert listener["tls"]["mode"] == "Terminate" and listener["tls"]["certificateRefs"]
    listeners = {l["name"] for l in gw["listeners"]}  # noqa: E741
    services = {o["metadata"]["name"]: {p["port"] for p in o["spec"]["ports"]}
                for o in objects if o["kind"] == "Service"}
    for route in (o for o in objects if o["kind"] == "HTTPRoute"):
        spec = route["spec"]
        assert set(spec) <= {"parentRefs", "hostnames", "rules"}
        for parent in spec["parentRefs"]:
            assert parent["name"] == "lang-son-plan"
            assert parent.get("sectionName", next(iter(listeners))) in listeners
        for rule in spec["rules"]:
            assert set(rule) <= {"name", "matches", "filters", "backendRefs", "sessionPersistence", "timeouts"}
            for match in rule.get("matches", []):
                assert set(match) <= {"path", "queryParams", "headers", "method"}
                assert match["path"]["type"] in ("Exact", "PathPrefix")
                assert match["path"]["value"].startswith("/")
                for q in match.get("queryParams", []):
                    assert set(q) == {"type", "name", "value"} and q["type"] == "Exact"
            for ref in rule.get("backendRefs", []):
                assert ref["port"] in services[ref["name"]], ref
            for f in rule.get("filters", []):
                assert f["type"] in ("ResponseHeaderModifier", "RequestRedirect")
            for value in rule.get("timeouts", {}).values():
                assert DURATION.match(value), value


def test_static_paths_go_to_the_static_pods_and_the_rest_to_the_app_with_cookie_affinity():
    rules = _rules(SETS["base"])
    static = rules["static"]
    prefixes = sorted(m["path"]["value"] for m in static["matches"] if m["path"]["type"] == "PathPrefix")
    exact = sorted(m["path"]["value"] for m in static["matches"] if m["path"]["type"] == "Exact")
    # Gateway API prefixes match whole path segments: /vi covers /vi and /vi/…, never /vietnam.
    assert prefixes == sorted(STATIC_PREFIXES)
    assert exact == sorted(STATIC_FILES)
    assert [b["name"] for b in static["backendRefs"]] == ["lang-son-plan-static"]
    assert "sessionPersistence" not in static
    hidden = sorted(m["path"]["value"] for m in rules["not-public"]["matches"])
    assert hidden == ["/_stcore/agent", "/_stcore/metrics", "/_stcore/upload_file"]
    assert [b["name"] for b in rules["not-public"]["backendRefs"]] == ["lang-son-plan-static"]
    for name in ("app", "app-embed"):
        rule = rules[name]
        assert [b["name"] for b in rule["backendRefs"]] == ["lang-son-plan"]
        assert [m["path"] for m in rule["matches"]] == [{"type": "PathPrefix", "value": "/"}]
        persistence = rule["sessionPersistence"]
        # By cookie, not by client address: many phones share one carrier address.
        assert persistence["type"] == "Cookie"
        assert persistence["sessionName"] == "ls_session" and len(persistence["sessionName"]) <= 128
        assert persistence["cookieConfig"]["lifetimeType"] in ("Session", "Permanent")
        assert set(persistence) <= {"type", "sessionName", "cookieConfig", "absoluteTimeout", "idleTimeout"}
        # The websocket of a visit must not be cut by a request timeout.
        assert rule["timeouts"] == {"request": "0s"}
    assert rules["app-embed"]["matches"][0]["queryParams"] == [{"type": "Exact", "name": "embed", "value": "true"}]
    # No app page's slug is taken by the static edition's prefixes.
    from components import site
    for _, _, slug in site.PAGES:
        assert slug.split("/")[0] not in {p.strip("/") for p in STATIC_PREFIXES}


def test_the_app_replies_carry_the_same_security_headers_as_nginx():
    rules = _rules(SETS["base"])
    for name, ancestors in (("app", "'self'"), ("app-embed", "'self' https:")):
        [f] = rules[name]["filters"]
        assert f["type"] == "ResponseHeaderModifier"
        headers = {h["name"]: h["value"] for h in f["responseHeaderModifier"]["set"]}
        assert headers == serve.security_headers(ancestors)


HSTS = "Strict-Transport-Security"


def _set_headers(rule: dict) -> list[dict]:
    return [h for f in rule.get("filters", []) if f["type"] == "ResponseHeaderModifier"
            for h in f["responseHeaderModifier"].get("set", [])]


@pytest.mark.parametrize("name", list(SETS))
def test_hsts_is_sent_on_https_only_on_every_reply(name):
    """Where TLS ends (the prod HTTPS listener), every reply says so; plain HTTP never carries it."""
    for route in (o for o in SETS[name] if o["kind"] == "HTTPRoute"):
        https = [p.get("sectionName") for p in route["spec"]["parentRefs"]] == ["https"]
        for rule in route["spec"]["rules"]:
            sts = [h["value"] for h in _set_headers(rule) if h["name"] == HSTS]
            if https:
                [value] = sts
                assert int(re.fullmatch(r"max-age=(\d+)", value).group(1)) >= 365 * 86400
            else:
                assert not sts
    if name == "prod":  # the app's other headers are unchanged
        rules = _rules(SETS[name])
        for rule, ancestors in (("app", "'self'"), ("app-embed", "'self' https:")):
            headers = {h["name"]: h["value"] for h in _set_headers(rules[rule]) if h["name"] != HSTS}
            assert headers == serve.security_headers(ancestors)


def test_envoy_gateway_policies_keep_websockets_open_and_compress():
    objects = SETS["base"]
    client = _one(objects, "ClientTrafficPolicy", "lang-son-plan")["spec"]
    assert client["targetRefs"] == [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "lang-son-plan"}]
    http = client["timeout"]["http"]
    assert set(http) <= {"requestReceivedTimeout", "idleTimeout", "streamIdleTimeout"}
    assert _seconds(http["streamIdleTimeout"]) >= 3600 and _seconds(http["idleTimeout"]) >= 3600
    assert _seconds(http["requestReceivedTimeout"]) <= 30
    backend = _one(objects, "BackendTrafficPolicy", "lang-son-plan")["spec"]
    assert backend["targetRefs"] == [{"group": "gateway.networking.k8s.io", "kind": "HTTPRoute",
                                      "name": "lang-son-plan"}]
    assert set(backend) <= {"targetRefs", "loadBalancer", "compression", "timeout"}
    assert backend["loadBalancer"] == {"type": "LeastRequest"}
    assert {c["type"] for c in backend["compression"]} <= {"Brotli", "Gzip"}
    assert "Gzip" in {c["type"] for c in backend["compression"]}
    assert _seconds(backend["timeout"]["http"]["connectionIdleTimeout"]) >= 3600


@pytest.mark.parametrize("name", list(SETS))
def test_envoy_runs_two_pods_that_drain_websockets_before_they_leave(name):
    """The EnvoyProxy of Envoy Gateway's v1alpha1 API, field by field (only fields of its v1.x reference)."""
    spec = _one(SETS[name], "EnvoyProxy", "lang-son-plan")["spec"]
    assert set(spec) == {"provider", "shutdown"}  # no mergeGateways: not allowed on a Gateway's own EnvoyProxy
    assert spec["provider"]["type"] == "Kubernetes"
    kube = spec["provider"]["kubernetes"]
    assert set(kube) == {"envoyDeployment", "envoyPDB"}
    deployment = kube["envoyDeployment"]
    assert set(deployment) == {"replicas", "strategy", "container"}
    assert set(deployment["container"]) == {"resources"}
    # Two pods at least; one may be disrupted at a time, and a rollout adds the new pod first.
    assert deployment["replicas"] >= 2
    assert kube["envoyPDB"] == {"minAvailable": deployment["replicas"] - 1}
    assert deployment["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    # The strategy and resources are Kubernetes' own types: validate them strictly inside a Deployment.
    for version in K8S_VERSIONS:
        kubernetes_validate.validate({
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "envoy"},
            "spec": {"selector": {"matchLabels": {"a": "b"}}, "strategy": deployment["strategy"],
                     "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [
                         {"name": "envoy", "image": "envoy", **deployment["container"]}]}}}}, version, strict=True)
    resources = deployment["container"]["resources"]
    assert set(resources["requests"]) == {"cpu", "memory"}
    assert set(resources["limits"]) == {"memory"}  # no CPU limit on the path of every request
    assert _quantity(resources["requests"]["memory"]) <= _quantity(resources["limits"]["memory"])
    # A leaving Envoy pod keeps its websockets as long as a leaving app pod keeps its sessions.
    assert set(spec["shutdown"]) == {"drainTimeout", "minDrainDuration"}
    drain = _seconds(spec["shutdown"]["drainTimeout"])
    app_pod = _one(SETS["base"], "Deployment", "lang-son-plan")["spec"]["template"]["spec"]
    assert drain >= app_pod["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert 0 < _seconds(spec["shutdown"]["minDrainDuration"]) < drain


def _seconds(duration: str) -> float:
    assert DURATION.match(duration), duration
    factors = {"h": 3600, "m": 60, "s": 1, "ms": 1e-3}
    return sum(float(n) * factors[u] for n, u in re.findall(r"([0-9]+)(ms|h|m|s)", duration))


def test_the_production_route_answers_on_https_only():
    objects = SETS["prod"]
    listeners = {l["name"]: l for l in _one(objects, "Gateway", "lang-son-plan")["spec"]["listeners"]}  # noqa: E741
    assert listeners["https"]["port"] == 443
    main = _one(objects, "HTTPRoute", "lang-son-plan")["spec"]
    assert main["parentRefs"] == [{"name": "lang-son-plan", "sectionName": "https"}]
    redirect = _one(objects, "HTTPRoute", "lang-son-plan-redirect")["spec"]
    assert redirect["parentRefs"] == [{"name": "lang-son-plan", "sectionName": "http"}]
    [rule] = redirect["rules"]
    assert rule["filters"] == [{"type": "RequestRedirect", "requestRedirect": {"scheme": "https", "statusCode": 301}}]


# --- the Dockerfile, compose.yaml, systemd and the manifests agree ---------------------------------------

def _stages() -> dict[str, list[str]]:
    """The Dockerfile's instructions (continuation lines joined), by stage name."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    stages, current = {}, None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("FROM "):
            current = line.split(" AS ")[-1].strip()
            stages[current] = []
        stages[current].append(line)
    return stages


def _instr(stage: list[str], name: str) -> list[str]:
    return [line[len(name) + 1:].strip() for line in stage if line.startswith(name + " ")]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_the_app_image_compose_and_manifests_agree():
    stages = _stages()
    app = stages["app"]
    assert list(stages)[-1] == "app"  # `docker build .` builds the app
    assert _instr(app, "USER") == [str(UID)]
    assert "--uid 10001" in " ".join(_instr(app, "RUN"))
    assert _instr(app, "EXPOSE") == ["8080"]
    assert "/_stcore/health" in _instr(app, "HEALTHCHECK")[0]
    compose = _compose()["services"]
    assert compose["nginx"]["ports"] == ["8080:8080"]
    assert compose["nginx"]["healthcheck"]["test"][-1].count("8080/_stcore/health") == 1
    k8s = _container(SETS["base"], "lang-son-plan")
    replicas = {n: s for n, s in compose.items() if n.startswith("app-")}
    assert len(replicas) >= 2
    for svc in replicas.values():
        assert svc["command"] == k8s["command"] == ["python", "-m", "streamlit", "run", "server.py"]
        assert svc["env_file"] == ["deploy/streamlit.env"]
        assert set(svc["environment"]) == {"STREAMLIT_SERVER_ADDRESS", "STREAMLIT_SERVER_PORT",
                                           "STREAMLIT_SERVER_COOKIE_SECRET", "HOME", "PLAN_PUBLIC_URL"}
        assert svc["environment"]["STREAMLIT_SERVER_ADDRESS"] == _env(k8s)["STREAMLIT_SERVER_ADDRESS"]
        assert "/_stcore/health" in svc["healthcheck"]["test"][-1]
        assert svc["user"] == f"{UID}:{UID}" and svc["read_only"] is True and svc["tmpfs"] == ["/tmp"]
    # systemd runs the same entry command from its virtual environment.
    unit = (ROOT / "deploy" / "systemd" / "lang-son-plan@.service").read_text(encoding="utf-8")
    assert "-m streamlit run server.py" in unit
    # nginx knows every replica, each on a port of its own.
    cmd = compose["nginx"]["command"]
    hosts = dict(h.rsplit(":", 1) for h in cmd[cmd.index("--replica-hosts") + 1].split(","))
    assert hosts == {n: s["environment"]["STREAMLIT_SERVER_PORT"] for n, s in replicas.items()}
    assert len(set(hosts.values())) == len(hosts)
    assert set(compose["nginx"]["depends_on"]) == set(replicas)
    # The public address reaches the static edition's build (sitemap, canonical links) and, the same one, the
    # replicas' environment (the app pages' canonical and og:url links).
    [arg] = _instr(_stages()["site"], "ARG")
    assert arg.startswith("PLAN_PUBLIC_URL=")
    public = compose["nginx"]["build"]["args"]["PLAN_PUBLIC_URL"]
    assert public == "${PLAN_PUBLIC_URL:-http://localhost:8080/}"
    for svc in replicas.values():
        assert svc["build"]["args"]["PLAN_PUBLIC_URL"] == svc["environment"]["PLAN_PUBLIC_URL"] == public
    # nginx serves the static edition from the image: the app stage carries the site stage's build.
    assert any(c.startswith("--from=site /app/build/site ") for c in _instr(app, "COPY"))


def test_the_build_context_leaves_out_what_the_images_do_not_run():
    """Tests, benchmarks and their outputs, local environments and builds stay out of `COPY . .`."""
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".git", ".venv", "node_modules", ".env", "build", "artifacts", ".hypothesis", ".pytest_cache",
            ".serve-prod", "tests", "bench"} <= ignored


def test_the_static_image_compose_and_manifests_agree():
    static = _stages()["static"]
    assert _instr(static, "USER") == [str(UID)]
    assert _instr(static, "EXPOSE") == ["8080"]
    assert "/healthz" in _instr(static, "HEALTHCHECK")[0]
    assert any("deploy/static-site.conf" in c for c in _instr(static, "COPY"))
    assert any(c.startswith("--from=site ") and c.endswith(" /srv/static") for c in _instr(static, "COPY"))
    conf = (ROOT / "deploy" / "static-site.conf").read_text(encoding="utf-8")
    assert "listen 8080;" in conf and "root /srv/static;" in conf
    k8s = _container(SETS["base"], "lang-son-plan-static")
    assert [p["containerPort"] for p in k8s["ports"]] == [8080]
    assert k8s["livenessProbe"]["httpGet"]["path"] == k8s["readinessProbe"]["httpGet"]["path"] == "/healthz"


def test_the_image_builds_the_static_edition_where_nginx_serves_it():
    [build] = [c for c in _instr(_stages()["site"], "RUN") if "components.static_build" in c]
    out = build.split("--out ")[1].split()[0]
    assert any(c == f"--from=site /app/{out} /srv/static" for c in _instr(_stages()["static"], "COPY"))
    from components import static_build, static_site
    assert static_build.OUT == ROOT / out
    assert static_site.DATA_ZIP in STATIC_FILES


# --- the static edition's nginx, run on loopback ---------------------------------------------------------

def _nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not found:
        if os.environ.get("CI"):
            pytest.fail("nginx not found: install Debian's nginx (make test does)")
        pytest.skip("nginx not found")
    return found


def test_nginx_in_a_container_opens_no_log_it_may_not_write():
    """Non-root nginx cannot reopen the container's stdout, and a log file in /tmp (memory) only grows."""
    conf = (ROOT / "deploy" / "static-site.conf").read_text(encoding="utf-8")
    assert "access_log off;" in conf and "error_log stderr" in conf and "/dev/stdout" not in conf
    cmd = _compose()["services"]["nginx"]["command"]
    assert cmd[cmd.index("--access-log") + 1] == "off"
    assert serve.parse_args(["--access-log", "off"]).access_log == "off"


def _static_conf_headers() -> dict[str, str]:
    conf = (ROOT / "deploy" / "static-site.conf").read_text(encoding="utf-8")
    return dict(re.findall(r'add_header (\S+) "?(.*?)"? always;', conf))


def test_static_nginx_sends_the_static_editions_headers():
    headers = _static_conf_headers()
    assert headers.pop("Cache-Control") == "$static_cache_control"
    # One policy for the static pages, whoever serves them: the app's process, nginx.conf.in, static-site.conf.
    assert serve.STATIC_CSP == server.STATIC_CSP
    assert headers["Content-Security-Policy"] == server.STATIC_CSP
    app = serve.security_headers()
    assert {k: v for k, v in headers.items() if k != "Content-Security-Policy"} == {
        k: v for k, v in app.items() if k != "Content-Security-Policy"}


def _nginx_regex(path: str) -> str:
    return path.lstrip("/").replace(".", r"\.")


def test_static_nginx_matches_the_static_locations_of_nginx_conf_in(tmp_path):
    """deploy/nginx.conf.in serves the static edition too: the same paths, headers and caching."""
    conf = serve.render_nginx([8511], listen="127.0.0.1", port=9000, run_dir=tmp_path, static_root=tmp_path,
                              site_root=tmp_path / "site")
    assert f"root {tmp_path / 'site'};" in conf
    csps = set(re.findall(r'add_header Content-Security-Policy "(.*?)" always;', conf))
    assert _static_conf_headers()["Content-Security-Policy"] in csps
    caches = set(re.findall(r'add_header Cache-Control "(.*?)" always;', conf))
    static = (ROOT / "deploy" / "static-site.conf").read_text(encoding="utf-8")
    mine = set(re.findall(r'^\s+\S+\s+"(public[^"]*|no-store)";$', static, re.M))
    assert caches == mine == {server.IMMUTABLE, server.REVALIDATE, "no-store"}
    # Each of the static edition's paths, location by location, in both configurations.
    langs = "|".join(site.STATIC_LANGS)
    files = "|".join(_nginx_regex(f) for f in STATIC_FILES)
    site_root = re.escape(str(tmp_path / "site"))
    central = {loc: re.search(r'add_header Cache-Control "(.*?)" always;', body).group(1) for loc, body in
               re.findall(rf"^\s+location ([^{{\n]+) \{{\n\s+root {site_root};\n(.*?)^\s+\}}$", conf, re.M | re.S)}
    assert central == {"^~ /assets/": server.IMMUTABLE, f"~ ^/({langs})(/|$)": server.REVALIDATE,
                       f"~ ^/({files})$": server.REVALIDATE, "= /404.html": "no-store"}
    alone = re.findall(r"^\s+location (.+?) \{", static, re.M)
    assert alone == ["= /healthz", "^~ /assets/", f"~ ^/({langs})(/|$)", *(f"= {f}" for f in STATIC_FILES),
                     "= /404.html", "/"]
    cache_map = dict(re.findall(r"^\s+(\S+)\s+\"(.*?)\";$", static.split("map $uri $static_cache_control {")[1]
                                .split("}")[0], re.M))
    assert cache_map == {"default": server.REVALIDATE, "~^/assets/": server.IMMUTABLE, "/404.html": "no-store",
                         "/healthz": "no-store"}
    # The routes of components/server.py: the same prefixes and files.
    assert {r.path for r in server.routes(tmp_path)} >= {*STATIC_PREFIXES, *STATIC_FILES}


@pytest.fixture(scope="module")
def static_nginx():
    """deploy/static-site.conf run on loopback as the static image runs it: as UID 10001 (when the tests run
    as root; otherwise as the tests' own user), with only its own folder writable. Yields (url, process)."""
    nginx = _nginx()
    if not os.path.exists("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"):
        pytest.skip("Debian's nginx brotli module is not installed (make nginx installs it)")
    base = Path(tempfile.mkdtemp(prefix="static-site-"))
    base.chmod(0o755)  # the unprivileged user enters it
    root = base / "root"
    (root / "vi" / "targets").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "vi" / "targets" / "index.html").write_text("<!doctype html><title>Chỉ tiêu</title>", encoding="utf-8")
    (root / "assets" / "site.3f2a9c.css").write_text("body{margin:0}" * 100)
    (root / "sitemap.xml").write_text('<?xml version="1.0"?><urlset/>')
    (root / "404.html").write_text("<!doctype html><title>Không tìm thấy trang</title>", encoding="utf-8")
    (root / "assets" / "site.3f2a9c.css.br").write_bytes(b"brotli bytes")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    conf = ((ROOT / "deploy" / "static-site.conf").read_text(encoding="utf-8")
            .replace("listen 8080;", f"listen 127.0.0.1:{port};")
            .replace("root /srv/static;", f"root {root};")
            .replace("/tmp/nginx-", f"{base}/nginx-"))
    (base / "nginx.conf").write_text(conf)
    as_user = {"user": UID, "group": UID, "extra_groups": []} if os.geteuid() == 0 else {}
    if as_user:  # its pid file and temporary files go here, as in /tmp in the container
        os.chown(base, UID, UID)
    log = base / "nginx.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([nginx, "-p", str(base), "-c", str(base / "nginx.conf"), "-e", "stderr",
                                 "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=out, **as_user)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(log.read_text())
                time.sleep(0.05)
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def static_site(static_nginx):
    return static_nginx[0]


def test_static_nginx_runs_unprivileged(static_nginx):
    master = static_nginx[1].pid
    workers = [int(p.parent.name) for p in Path("/proc").glob("[0-9]*/stat")
               if _ppid(p) == master]
    assert workers  # worker_processes 1
    for pid in (master, *workers):
        uid = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                   if line.startswith("Uid:"))
        assert uid == (UID if os.geteuid() == 0 else os.geteuid()) != 0


def _ppid(stat_file: Path) -> int | None:
    try:
        return int(stat_file.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _fetch(url: str, headers: dict | None = None):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


@pytest.mark.parametrize(("path", "status", "cache"), [
    ("/vi/targets/", 200, "public, max-age=300"),
    ("/assets/site.3f2a9c.css", 200, "public, max-age=31536000, immutable"),
    ("/sitemap.xml", 200, "public, max-age=300"),
    ("/vi/targets", 301, "public, max-age=300"),
    ("/assets/missing.4b5c6d.css", 404, "no-store"),
    ("/targets", 404, "no-store"),
    ("/_stcore/metrics", 404, "no-store"),
])
def test_static_nginx_caches_what_a_cdn_may_keep(static_site, path, status, cache):
    got, headers, body = _fetch(static_site + path)
    assert got == status
    assert headers.get("Cache-Control") == cache  # never a cached 404
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == server.STATIC_CSP
    if status == 301:
        assert headers["Location"] == path + "/"  # relative: the public host is the gateway's
    if status == 404:
        assert "Không tìm thấy trang" in body.decode()  # the static edition's bilingual page


def test_static_nginx_sends_the_builds_compressed_copies(static_site):
    _, headers, _ = _fetch(static_site + "/assets/site.3f2a9c.css", {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    _, headers, body = _fetch(static_site + "/assets/site.3f2a9c.css", {"Accept-Encoding": "br, gzip"})
    assert headers["Content-Encoding"] == "br" and body == b"brotli bytes"  # the build's own copy
    _, headers, body = _fetch(static_site + "/vi/targets/")
    assert headers["Content-Type"] == "text/html; charset=utf-8" and "Chỉ tiêu" in body.decode()


# --- nginx in front of replicas in other containers (compose) --------------------------------------------

def test_proxy_config_for_replicas_in_containers_passes_nginx_check(tmp_path):
    nginx = _nginx()
    (tmp_path / "tmp").mkdir()
    conf = serve.render_nginx([8511, 8512], hosts=["127.0.0.1", "127.0.0.2"], listen="127.0.0.1", port=9000,
                              run_dir=tmp_path, static_root=tmp_path)
    assert "server 127.0.0.2:8512 max_fails=1 fail_timeout=5s backup;" in conf
    assert '"~:8511$" r1;' in conf and '"~:8512$" r2;' in conf  # the cookie names the replica by its port
    assert f"access_log {tmp_path / 'access.log'} replicas;" in conf  # as before, for the tests that read it
    (tmp_path / "nginx.conf").write_text(conf)
    out = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    quiet = serve.render_nginx([8511], hosts=["127.0.0.1"], listen="127.0.0.1", port=9000, run_dir=tmp_path,
                               static_root=tmp_path, access_log="off")
    assert "    access_log off;" in quiet
    with pytest.raises(ValueError):
        serve.render_nginx([8511, 8511], hosts=["a", "b"], listen="127.0.0.1", port=9000, run_dir=tmp_path,
                           static_root=tmp_path)


def test_proxy_only_needs_replica_hosts():
    args = serve.parse_args(["--replica-hosts", "app-1:8511,app-2:8512"])
    assert args.proxy_only and args.hosts == ["app-1", "app-2"] and args.ports == [8511, 8512]
    with pytest.raises(SystemExit):
        serve.parse_args(["--proxy-only"])
