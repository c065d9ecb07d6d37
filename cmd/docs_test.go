package cmd

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/config"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/render"
)

const (
	configDoc = "docs/configuration.md"
	genBegin  = "<!-- BEGIN GENERATED: go test ./cmd -run TestConfigurationDoc -update -->"
	genEnd    = "<!-- END GENERATED -->"
)

// configReference is the generated part of docs/configuration.md: every
// key with its environment variable, type and meaning, and every built-in
// profile entry, straight from config.Keys and profile.Builtin.
func configReference() string {
	var b strings.Builder
	b.WriteString("### Keys and environment variables\n\n| key | environment variable | type | meaning |\n|---|---|---|---|\n")
	for _, k := range config.Keys {
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", k.Name, k.Env(), k.Type, k.Doc)
	}
	b.WriteString("\nAlso `AUDIT_CONFIG`: the config file, as `--config`.\n")
	b.WriteString("\n### Built-in profiles\n")
	for _, p := range profile.Builtin {
		fmt.Fprintf(&b, "\n#### `%s`\n\n%s.", p.Name, p.Description)
		if len(p.Stores) > 0 {
			fmt.Fprintf(&b, " Followed by the stores %s.", strings.Join(p.Stores, ", "))
		}
		b.WriteString("\n\n| metric | target | warn at | windows (days) | lag (days) | a miss | source | checked |\n|---|---|---|---|---|---|---|---|\n")
		for _, e := range p.Entries {
			fmt.Fprintf(&b, "| `%s` | %s %s | %s | %s | %d | %s | %s | %s |\n", e.Metric, e.Op, render.LimitText(e.Fail, e.Threshold()), render.LimitText(e.Warn, e.Threshold()),
				e.Windows(", "), e.LagDays, e.Miss(), e.Source, e.Checked)
		}
	}
	return b.String()
}

// docs/configuration.md cannot drift from the code: its generated part is
// rewritten with -update and compared otherwise.
func TestConfigurationDoc(t *testing.T) {
	raw, err := os.ReadFile(configDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, genBegin), strings.Index(doc, genEnd)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the generated section markers", configDoc)
	}
	want := doc[:i+len(genBegin)] + "\n" + configReference() + "\n" + doc[j:]
	if *update {
		if err := os.WriteFile(configDoc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if doc != want {
		t.Errorf("%s is out of date: run go test ./cmd -run TestConfigurationDoc -update", configDoc)
	}
	// The starter file of `audit config init` names every top-level key.
	for _, k := range config.Keys {
		top, _, _ := strings.Cut(k.Name, ".")
		if !strings.Contains(starterConfig, top+":") {
			t.Errorf("config init's starter file does not mention %s", top)
		}
	}
}
