// promql-names checks that every PromQL expression of Prometheus rule files and Grafana dashboards
// parses, with Prometheus's own parser, and names only metrics that real scrapes hold.
//
// Usage: promql-names -scrape FILE [-scrape FILE...] [-external PREFIX=SOURCE...] FILE...
//
// FILE is a rule file (.yaml, .yml: every rule's expr, parsed and validated as Prometheus loads it) or a
// Grafana dashboard (.json: every panel target's expr, and the templating queries; Grafana's variables
// such as $namespace and $__rate_interval are replaced by placeholders first). A -scrape file is a
// /q/metrics answer in the Prometheus text format. A metric that no scrape holds fails the check, unless
// its name starts with an -external prefix: those come from programs that are not scraped here
// (kube-state-metrics, the kubelet's cAdvisor) and are listed as such, unchecked.
// scripts/kube/build.sh builds it in the module of Prometheus (its version pinned in versions.env).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

type expression struct{ where, text string }

var (
	grafanaInterval = regexp.MustCompile(`\$\{?__(rate_interval|interval|range)\}?`)
	grafanaVariable = regexp.MustCompile(`\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\[\[[^\]]+\]\]`)
	labelValues     = regexp.MustCompile(`^\s*label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$`)
	queryResult     = regexp.MustCompile(`^\s*query_result\((.*)\)\s*$`)
)

func main() {
	var scrapes, externals list
	flag.Var(&scrapes, "scrape", "a scrape in the Prometheus text format (repeatable)")
	flag.Var(&externals, "external", "PREFIX=SOURCE: metrics from a program not scraped here (repeatable)")
	flag.Parse()
	if len(scrapes) == 0 || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: promql-names -scrape FILE... [-external PREFIX=SOURCE...] RULES.yaml|DASHBOARD.json...")
		os.Exit(2)
	}
	exported := map[string]string{}
	for _, s := range scrapes {
		if err := readScrape(s, exported); err != nil {
			fail("%v", err)
		}
	}
	p := parser.NewParser(parser.Options{})
	failed := false
	for _, file := range flag.Args() {
		exprs, err := expressions(file, p)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			failed = true
			continue
		}
		checked, external := map[string]bool{}, map[string]string{}
		for _, e := range exprs {
			ast, err := p.ParseExpr(e.text)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %s does not parse: %v\n  %s\n", file, e.where, err, e.text)
				failed = true
				continue
			}
			for _, name := range metricNames(ast) {
				if _, ok := exported[name]; ok {
					checked[name] = true
				} else if source := externalSource(name, externals); source != "" {
					external[name] = source
				} else {
					fmt.Fprintf(os.Stderr, "%s: %s names %s, which no scrape (%s) holds\n", file, e.where, name, strings.Join(scrapes, ", "))
					failed = true
				}
			}
		}
		fmt.Printf("%s: %d expressions parse; %d metrics found in the scrapes: %s\n", file, len(exprs), len(checked), keys(checked))
		if len(external) > 0 {
			var ext []string
			for n, s := range external {
				ext = append(ext, n+" ("+s+")")
			}
			sort.Strings(ext)
			fmt.Printf("%s: not scraped here, from other programs: %s\n", file, strings.Join(ext, ", "))
		}
	}
	if failed {
		os.Exit(1)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func readScrape(file string, into map[string]string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name := line
		if i := strings.IndexAny(line, "{ "); i >= 0 {
			name = line[:i]
		}
		into[name] = file
		n++
	}
	if n == 0 {
		return fmt.Errorf("%s holds no samples: not a scrape", file)
	}
	return sc.Err()
}

func expressions(file string, p parser.Parser) ([]expression, error) {
	if strings.HasSuffix(file, ".json") {
		return dashboardExpressions(file)
	}
	groups, errs := rulefmt.ParseFile(file, false, model.UTF8Validation, p, slog.New(slog.DiscardHandler))
	if len(errs) > 0 {
		return nil, errs[0]
	}
	var out []expression
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			name := r.Alert
			if name == "" {
				name = r.Record
			}
			out = append(out, expression{"rule " + name, r.Expr})
		}
	}
	return out, nil
}

// dashboardExpressions walks a Grafana dashboard: each target's expr, each templating query.
func dashboardExpressions(file string) ([]expression, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	var out []expression
	var walk func(v any, where string)
	walk = func(v any, where string) {
		switch t := v.(type) {
		case map[string]any:
			here := where
			if title, ok := t["title"].(string); ok {
				here = "panel " + fmt.Sprintf("%q", title)
			}
			if expr, ok := t["expr"].(string); ok && expr != "" {
				out = append(out, expression{here, grafana(expr)})
			}
			for k, child := range t {
				if k != "templating" {
					walk(child, here)
				}
			}
		case []any:
			for _, child := range t {
				walk(child, where)
			}
		}
	}
	walk(doc, "dashboard")
	if templating, ok := doc["templating"].(map[string]any); ok {
		vars, _ := templating["list"].([]any)
		for _, v := range vars {
			variable, _ := v.(map[string]any)
			if variable == nil || variable["type"] != "query" {
				continue
			}
			q := variable["query"]
			if m, ok := q.(map[string]any); ok {
				q = m["query"]
			}
			text, _ := q.(string)
			where := fmt.Sprintf("variable %q", variable["name"])
			if m := labelValues.FindStringSubmatch(text); m != nil {
				out = append(out, expression{where, grafana(m[1])})
			} else if m := queryResult.FindStringSubmatch(text); m != nil {
				out = append(out, expression{where, grafana(m[1])})
			} else if text != "" && !strings.HasPrefix(strings.TrimSpace(text), "label_values(") {
				out = append(out, expression{where, grafana(text)})
			}
		}
	}
	return out, nil
}

// grafana replaces Grafana's variables by what PromQL parses in their place.
func grafana(expr string) string {
	expr = grafanaInterval.ReplaceAllString(expr, "5m")
	return grafanaVariable.ReplaceAllString(expr, "x")
}

func metricNames(node parser.Node) []string {
	var names []string
	parser.Inspect(node, func(n parser.Node, _ []parser.Node) error {
		if vs, ok := n.(*parser.VectorSelector); ok {
			name := vs.Name
			if name == "" {
				for _, m := range vs.LabelMatchers {
					if m.Name == model.MetricNameLabel {
						name = m.Value
					}
				}
			}
			if name != "" {
				names = append(names, name)
			}
		}
		return nil
	})
	return names
}

func externalSource(name string, externals list) string {
	for _, e := range externals {
		prefix, source, _ := strings.Cut(e, "=")
		if strings.HasPrefix(name, prefix) {
			return source
		}
	}
	return ""
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
