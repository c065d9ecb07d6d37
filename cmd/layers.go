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

// given says whether kf's flag is on the command line.
func (l *layers) given(kf keyFlag) bool {
	f := l.cmd.Flags().Lookup(kf.name)
	return f != nil && f.Changed
}

// bindAll fills each binding whose flag was not given from the
// environment or the config file; the threshold flags are overrides.
func (l *layers) bindAll(bs bindings) {
	for _, b := range bs {
		if b.override() || l.given(b.keyFlag) {
			continue
		}
		if v, ok := l.cfg.Get(b.key); ok {
			if str, isStr := v.Raw.(string); isStr && b.enum {
				b.set(strings.ToLower(str))
				continue
			}
			b.set(v.Raw)
		}
	}
}

// configValue sets *dst from the environment or the config file, for a
// key no flag stands for.
func configValue[T any](l *layers, key string, dst *T) {
	if v, ok := l.cfg.Get(key); ok {
		*dst = v.Raw.(T)
	}
}

// overrides gathers the thresholds.* values of the file and environment,
// and puts the given threshold flags of bs (--lag-days, --window-days) on
// top.
func (l *layers) overrides(bs bindings) map[string]settings.Override {
	out := map[string]settings.Override{}
	for _, k := range config.Keys {
		if !strings.HasPrefix(k.Name, "thresholds.") {
			continue
		}
		if v, ok := l.cfg.Get(k.Name); ok {
			out[k.Name] = settings.Override{Value: v.Raw, Origin: v.Origin.String()}
		}
	}
	for _, b := range bs {
		if b.override() && l.given(b.keyFlag) {
			out[b.key] = settings.Override{Value: l.flagValue(b.keyFlag), Origin: "flag --" + b.name}
		}
	}
	return out
}

// flagValue is a threshold flag's value as its key's type.
func (l *layers) flagValue(kf keyFlag) any {
	flags := l.cmd.Flags()
	switch kf.configKey().Type {
	case config.IntList:
		n, _ := flags.GetInt(kf.name)
		return []int{n}
	case config.Int:
		n, _ := flags.GetInt(kf.name)
		return n
	case config.Float:
		f, _ := flags.GetFloat64(kf.name)
		return f
	}
	return nil
}

// from says where a value that did not come from its flag was set, for an
// error message: ` (set by file ./audit.yaml, key fail_on)`; "" otherwise.
func (l *layers) from(kf keyFlag) string {
	if l.given(kf) {
		return ""
	}
	v, ok := l.cfg.Get(kf.key)
	if !ok {
		return ""
	}
	if v.Origin.Layer == "file" {
		return " (set by file " + v.Origin.Name + ", key " + kf.key + ")"
	}
	return " (set by " + v.Origin.String() + ")"
}

// annotate appends where kf's value came from to a validation error.
func (l *layers) annotate(err error, kf keyFlag) error {
	if err == nil {
		return nil
	}
	return &usageError{fmt.Errorf("%v%s", err, l.from(kf))}
}

// keyError is a usage error about config key prefix (a key, or the block
// of keys it starts), saying where the first of them that is set came
// from: ` (set by file ./audit.yaml, key service.kaufland.period)`.
func (l *layers) keyError(prefix string, err error) error {
	for _, k := range config.Keys {
		if k.Name != prefix && !strings.HasPrefix(k.Name, prefix+".") {
			continue
		}
		if v, ok := l.cfg.Get(k.Name); ok {
			if v.Origin.Layer == "file" {
				return &usageError{fmt.Errorf("%s: %v (set by file %s, key %s)", prefix, err, v.Origin.Name, k.Name)}
			}
			return &usageError{fmt.Errorf("%s: %v (set by %s)", prefix, err, v.Origin)}
		}
	}
	return &usageError{fmt.Errorf("%s: %v", prefix, err)}
}
