package cmd

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/config"
	"github.com/sellerhealth/audit/internal/settings"
)

// layers puts the command line over the environment and the config file:
// a flag the user gave wins; else AUDIT_* ; else the file; else the
// default (the profile's, for thresholds).
type layers struct {
	cmd *cobra.Command
	cfg *config.Config
}

// loadLayers reads the config file (--config, AUDIT_CONFIG, ./audit.yaml,
// the user's config folder) and the environment.
func loadLayers(c *cobra.Command, env *Env, configPath string) (*layers, error) {
	lookup := env.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	if configPath == "" {
		configPath, _ = lookup("AUDIT_CONFIG")
	}
	dir, _ := os.Getwd()
	userDir := config.DefaultUserDir()
	if v, ok := lookup("XDG_CONFIG_HOME"); ok && v != "" {
		userDir = v + string(os.PathSeparator) + "audit"
	}
	cfg, err := config.Load(config.Options{Path: configPath, Dir: dir, UserDir: userDir, LookupEnv: lookup})
	if err != nil {
		return nil, &usageError{err}
	}
	return &layers{cmd: c, cfg: cfg}, nil
}

// str sets *dst from the config when the flag was not given.
func (l *layers) str(key, flag string, dst *string) {
	if f := l.cmd.Flags().Lookup(flag); f != nil && f.Changed {
		return
	}
	if v, ok := l.cfg.Get(key); ok {
		*dst = v.Raw.(string)
	}
}

// strs is str for a list.
func (l *layers) strs(key, flag string, dst *[]string) {
	if f := l.cmd.Flags().Lookup(flag); f != nil && f.Changed {
		return
	}
	if v, ok := l.cfg.Get(key); ok {
		*dst = v.Raw.([]string)
	}
}

// integer is str for a number.
func (l *layers) integer(key, flag string, dst *int) {
	if f := l.cmd.Flags().Lookup(flag); f != nil && f.Changed {
		return
	}
	if v, ok := l.cfg.Get(key); ok {
		*dst = v.Raw.(int)
	}
}

// boolean is str for a flag that is a switch.
func (l *layers) boolean(key, flag string, dst *bool) {
	if f := l.cmd.Flags().Lookup(flag); f != nil && f.Changed {
		return
	}
	if v, ok := l.cfg.Get(key); ok {
		*dst = v.Raw.(bool)
	}
}

// overrides gathers the thresholds.* values of the file and environment,
// and puts the flags that set one (--lag-days, --window-days) on top.
func (l *layers) overrides(flagKeys map[string]string) map[string]settings.Override {
	out := map[string]settings.Override{}
	for _, k := range config.Keys {
		if !strings.HasPrefix(k.Name, "thresholds.") {
			continue
		}
		if v, ok := l.cfg.Get(k.Name); ok {
			out[k.Name] = settings.Override{Value: v.Raw, Origin: v.Origin.String()}
		}
	}
	for flag, key := range flagKeys {
		f := l.cmd.Flags().Lookup(flag)
		if f == nil || !f.Changed {
			continue
		}
		k, _ := config.Lookup(key)
		var v any
		switch k.Type {
		case config.IntList:
			n, _ := l.cmd.Flags().GetInt(flag)
			v = []int{n}
		case config.Int:
			v, _ = l.cmd.Flags().GetInt(flag)
		case config.Float:
			v, _ = l.cmd.Flags().GetFloat64(flag)
		}
		out[key] = settings.Override{Value: v, Origin: "flag --" + flag}
	}
	return out
}

// from says where a value that did not come from its flag was set, for an
// error message: ` (set by file ./audit.yaml, key fail_on)`; "" otherwise.
func (l *layers) from(key, flag string) string {
	if f := l.cmd.Flags().Lookup(flag); f != nil && f.Changed {
		return ""
	}
	v, ok := l.cfg.Get(key)
	if !ok {
		return ""
	}
	if v.Origin.Layer == "file" {
		return " (set by file " + v.Origin.Name + ", key " + key + ")"
	}
	return " (set by " + v.Origin.String() + ")"
}

// annotate appends where the value came from to a validation error.
func (l *layers) annotate(err error, key, flag string) error {
	if err == nil {
		return nil
	}
	return &usageError{fmt.Errorf("%v%s", err, l.from(key, flag))}
}
