#!/usr/bin/env python3
"""Prometheus's configuration made from the cluster's Prometheus Operator objects, for the monitoring
journey (scripts/e2e/monitoring.sh), which runs Prometheus itself instead of the Prometheus Operator.

  prometheus-config.py SERVICEMONITORS.json KUBECONFIG KSM_ADDRESS   the prometheus.yml (JSON, which
      Prometheus reads as YAML): one scrape job per ServiceMonitor endpoint, generated the way the
      Prometheus Operator generates it (service discovery of the endpoints of the selected namespaces;
      the selector's labels and the endpoint's port kept; the namespace, service, pod, container, job
      and endpoint labels; the endpoint's relabelings and metric relabelings; honorLabels, interval,
      scrapeTimeout, path, scheme), plus kube-state-metrics at KSM_ADDRESS; rules from rules.yml
  prometheus-config.py --rules PROMETHEUSRULES.json FOR   the rule file: every group of every
      PrometheusRule, each alert's `for:` replaced by FOR (the journey's short window)

SERVICEMONITORS.json and PROMETHEUSRULES.json are `kubectl get ... -A -o json` lists. Every scrape and
evaluation runs every 2 s.
"""
import json
import re
import sys


def snake(relabeling):
    """A ServiceMonitor relabeling (camelCase, as the CRD spells it) as Prometheus's relabel_config."""
    names = {"sourceLabels": "source_labels", "targetLabel": "target_label"}
    out = {names.get(k, k): v for k, v in relabeling.items()}
    if "action" in out:
        out["action"] = out["action"].lower()
    return out


def label_name(name):
    """How Kubernetes service discovery spells a label in its meta labels."""
    return re.sub(r"[^a-zA-Z0-9_]", "_", name)


def scrape_jobs(monitor, kubeconfig):
    meta, spec = monitor["metadata"], monitor["spec"]
    selector = spec.get("namespaceSelector", {})
    sd = {"role": "endpoints", "kubeconfig_file": kubeconfig}
    if not selector.get("any"):
        sd["namespaces"] = {"names": selector.get("matchNames") or [meta["namespace"]]}
    keep = []
    for key, value in sorted(spec.get("selector", {}).get("matchLabels", {}).items()):
        keep.append({"action": "keep", "regex": f"({re.escape(value)});true",
                     "source_labels": [f"__meta_kubernetes_service_label_{label_name(key)}",
                                       f"__meta_kubernetes_service_labelpresent_{label_name(key)}"]})
    if spec.get("selector", {}).get("matchExpressions"):
        raise SystemExit(f"ServiceMonitor {meta['namespace']}/{meta['name']}: matchExpressions are not translated here")
    jobs = []
    for i, endpoint in enumerate(spec.get("endpoints", [])):
        if "port" not in endpoint:
            raise SystemExit(f"ServiceMonitor {meta['namespace']}/{meta['name']}: only endpoints with a port name are translated here")
        relabel = keep + [
            {"action": "keep", "regex": re.escape(endpoint["port"]), "source_labels": ["__meta_kubernetes_endpoint_port_name"]},
            {"source_labels": ["__meta_kubernetes_namespace"], "target_label": "namespace"},
            {"source_labels": ["__meta_kubernetes_service_name"], "target_label": "service"},
            {"source_labels": ["__meta_kubernetes_pod_name"], "target_label": "pod"},
            {"source_labels": ["__meta_kubernetes_pod_container_name"], "target_label": "container"},
            {"source_labels": ["__meta_kubernetes_service_name"], "target_label": "job"},
            {"target_label": "endpoint", "replacement": endpoint["port"]},
        ] + [snake(r) for r in endpoint.get("relabelings", [])]
        job = {
            "job_name": f"serviceMonitor/{meta['namespace']}/{meta['name']}/{i}",
            "honor_labels": bool(endpoint.get("honorLabels", False)),
            "metrics_path": endpoint.get("path", "/metrics"),
            "scheme": endpoint.get("scheme", "http"),
            "kubernetes_sd_configs": [sd],
            "relabel_configs": relabel,
        }
        # the journey scrapes everything every 2 s: an interval the object asks for that is longer is
        # kept out, so that its timing does not depend on it; a timeout fits in it
        job["scrape_interval"] = "2s"
        job["scrape_timeout"] = "2s"
        if endpoint.get("metricRelabelings"):
            job["metric_relabel_configs"] = [snake(r) for r in endpoint["metricRelabelings"]]
        jobs.append(job)
    return jobs


def config(monitors, kubeconfig, ksm):
    jobs = [job for m in monitors["items"] for job in scrape_jobs(m, kubeconfig)]
    jobs.append({"job_name": "kube-state-metrics", "honor_labels": True,
                 "static_configs": [{"targets": [ksm], "labels": {"job": "kube-state-metrics"}}]})
    return {"global": {"scrape_interval": "2s", "scrape_timeout": "2s", "evaluation_interval": "2s"},
            "rule_files": ["rules.yml"], "scrape_configs": jobs}


def rules(prometheus_rules, window):
    groups = []
    for item in prometheus_rules["items"]:
        for group in item["spec"].get("groups", []):
            group = dict(group, rules=[dict(r, **({"for": window} if "for" in r else {})) for r in group["rules"]])
            group.pop("interval", None)
            groups.append(group)
    return {"groups": groups}


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--rules":
        with open(sys.argv[2]) as f:
            print(json.dumps(rules(json.load(f), sys.argv[3]), indent=1))
    elif len(sys.argv) == 4:
        with open(sys.argv[1]) as f:
            print(json.dumps(config(json.load(f), sys.argv[2], sys.argv[3]), indent=1))
    else:
        sys.exit(__doc__)
