package cmd

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sellerhealth/audit/internal/config"
	"github.com/sellerhealth/audit/internal/iostreams"
	"github.com/sellerhealth/audit/internal/render"
)

// flagTypes are the pflag types a flag standing for a key of each type may
// have: an int holds one window of a list (--window-days).
var flagTypes = map[config.Type][]string{
	config.String:     {"string"},
	config.Float:      {"float64"},
	config.Int:        {"int"},
	config.Bool:       {"bool"},
	config.IntList:    {"int", "intSlice"},
	config.StringList: {"stringArray", "stringSlice"},
}

// eachFlag calls fn with every flag of every command of the tree.
func eachFlag(c *cobra.Command, fn func(*cobra.Command, *pflag.Flag)) {
	c.Flags().VisitAll(func(f *pflag.Flag) { fn(c, f) })
	for _, sub := range c.Commands() {
		eachFlag(sub, fn)
	}
}

// Every flag that stands for a config key, on every command: the key is in
// config.Keys, the flag holds the key's type, and its usage is the key's
// doc and variable, written once in config.Keys (no command rewrites it).
// A flag of that name on any other command stands for the same key.
func TestKeyFlags(t *testing.T) {
	streams, _, _ := iostreams.Test(false)
	root := NewRootCmd(&Env{IO: streams, Now: func() time.Time { return fixedNow }})
	keyOf := map[string]string{} // flag name → key
	eachFlag(root, func(c *cobra.Command, f *pflag.Flag) {
		keys := f.Annotations[keyAnnotation]
		if len(keys) == 0 {
			return
		}
		k, ok := config.Lookup(keys[0])
		switch {
		case !ok:
			t.Errorf("%s --%s: key %s is not in config.Keys", c.CommandPath(), f.Name, keys[0])
			return
		case !slices.Contains(flagTypes[k.Type], f.Value.Type()):
			t.Errorf("%s --%s: a %s flag for key %s, a %s", c.CommandPath(), f.Name, f.Value.Type(), k.Name, k.Type)
		case f.Usage != flagUsage(k):
			t.Errorf("%s --%s: usage %q, want the key's %q", c.CommandPath(), f.Name, f.Usage, flagUsage(k))
		}
		if prev, ok := keyOf[f.Name]; ok && prev != k.Name {
			t.Errorf("--%s stands for %s and %s", f.Name, prev, k.Name)
		}
		keyOf[f.Name] = k.Name
	})
	eachFlag(root, func(c *cobra.Command, f *pflag.Flag) {
		if key, ok := keyOf[f.Name]; ok && len(f.Annotations[keyAnnotation]) == 0 {
			t.Errorf("%s --%s does not stand for %s, as elsewhere", c.CommandPath(), f.Name, key)
		}
	})
	if len(keyOf) == 0 {
		t.Fatal("no flag stands for a config key")
	}
}

// The output key's doc, also the usage of -o, names every format.
func TestOutputDocNamesFormats(t *testing.T) {
	k, _ := config.Lookup(outputFlag.key)
	for _, f := range append(render.Formats(), render.TrendFormats()...) {
		if !strings.Contains(k.Doc, f) {
			t.Errorf("the doc of key output lacks the format %s: %q", f, k.Doc)
		}
	}
}

// A destination of the wrong type for its key is refused when the command
// is built, not when a config file happens to set the key.
func TestBindWrongType(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("binding an int to the string key fail_on did not panic")
		}
	}()
	var b bindings
	var n int
	bind(&b, failOnFlag, &n)
}
