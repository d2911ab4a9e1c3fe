{{/*
Chart name, overridable with nameOverride.
*/}}
{{- define "todo-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of every object the chart creates: <release>-todo-operator, or the release name alone
when it already contains the chart name (helm install todo-operator ... gives "todo-operator").
*/}}
{{- define "todo-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "todo-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels every object carries.
*/}}
{{- define "todo-operator.labels" -}}
helm.sh/chart: {{ include "todo-operator.chart" . }}
{{ include "todo-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: todo-operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels that select the operator's pods (never change them: Deployment selectors are immutable).
*/}}
{{- define "todo-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "todo-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "todo-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "todo-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
"true" when the operator must elect a leader: asked for, or more than one replica.
*/}}
{{- define "todo-operator.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) }}true{{ else }}false{{ end }}
{{- end }}

{{/*
The rules the operator needs on TodoApps and on everything it creates for them. Used by the
ClusterRole (all namespaces) or by one Role per watched namespace. Keep in step with the
operator's dependent resources (operator/src/main/java/dev/todo/operator/resources/).
*/}}
{{- define "todo-operator.rules" -}}
- apiGroups: ["todo.dev"]
  resources: ["todoapps"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["todo.dev"]
  resources: ["todoapps/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["todo.dev"]
  resources: ["todoapps/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["services", "configmaps", "secrets", "persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["batch"]
  resources: ["cronjobs"]  # the managed database's scheduled backups
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["batch"]
  resources: ["jobs"]  # on-demand, before-upgrade backups and the restore: created once, never changed
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses", "networkpolicies"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors"]  # spec.monitoring: the backend's, when the Prometheus Operator is installed
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
{{- end }}
