package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/config"
)

// keyFlag is a flag that stands for a config key. Its usage is the key's
// doc and variable (flagUsage), so the flag, AUDIT_* and
// docs/configuration.md cannot say different things; a flag given on the
// command line wins over the variable and the file (layers.bindAll).
type keyFlag struct {
	name, short string // --name and -short ("" none)
	key         string // in config.Keys
	// enum: the value is one of a list of words, matched in any case
	// (-o JSON, --fail-on Warn): folded to lower case wherever it comes
	// from (foldEnumFlags, layers.bindAll).
	enum bool
}

// The flags that stand for a config key, each declared once, whichever
// commands take it.
var (
	profileFlag           = keyFlag{name: "profile", key: "profile", enum: true}
	marketplaceFlag       = keyFlag{name: "marketplace", key: "marketplace"}
	failOnFlag            = keyFlag{name: "fail-on", key: "fail_on", enum: true}
	outputFlag            = keyFlag{name: "output", short: "o", key: "output", enum: true}
	colorFlag             = keyFlag{name: "color", key: "color", enum: true}
	encodingFlag          = keyFlag{name: "encoding", key: "encoding", enum: true}
	columnFlag            = keyFlag{name: "column", key: "columns"}
	countDeniedClaimsFlag = keyFlag{name: "count-denied-claims", key: "odr.count_denied_claims"}
	titleFlag             = keyFlag{name: "title", key: "html.title"}
	// Threshold flags: overrides of the profile's value (layers.overrides).
	lagDaysFlag    = keyFlag{name: "lag-days", key: "thresholds.odr.lag_days"}
	windowDaysFlag = keyFlag{name: "window-days", key: "thresholds.odr.window_days"}
)

// enumFlags are the key flags whose values are words matched in any case.
var enumFlags = []keyFlag{profileFlag, failOnFlag, outputFlag, colorFlag, encodingFlag}

// foldEnumFlags lowers the case of the enum flags c was given, before any
// command reads them (the root's PersistentPreRunE). The store
// (--marketplace) is matched in any case where it is looked up.
func foldEnumFlags(c *cobra.Command) error {
	for _, kf := range enumFlags {
		f := c.Flags().Lookup(kf.name)
		if f == nil || !f.Changed || f.Value.Type() != "string" {
			continue
		}
		if v := f.Value.String(); v != strings.ToLower(v) {
			if err := f.Value.Set(strings.ToLower(v)); err != nil {
				return &usageError{err}
			}
		}
	}
	return nil
}

// keyAnnotation marks a flag with the config key it stands for, so tests
// can check every such flag of the command tree.
const keyAnnotation = "audit-config-key"

// configKey is the flag's key; an undeclared key is a programming error.
func (kf keyFlag) configKey() config.Key {
	k, ok := config.Lookup(kf.key)
	if !ok {
		panic("flag --" + kf.name + ": no config key " + kf.key)
	}
	return k
}

// override says whether the key is a threshold: the flag's value goes over
// the profile's (layers.overrides) instead of into a destination.
func (kf keyFlag) override() bool { return strings.HasPrefix(kf.key, "thresholds.") }

// flagUsage is the usage of the flag that stands for k: its doc and its
// environment variable.
func flagUsage(k config.Key) string {
	env := "env " + k.Env()
	if k.Type == config.StringList {
		env = "repeatable; " + env + ", separated by ;"
	}
	return k.Doc + " (" + env + ")"
}

// binding is a destination its config key fills unless its flag was given.
type binding struct {
	keyFlag
	set func(raw any) // stores the key's value (config.Value.Raw)
}

// bindings are the keys a command reads into its options.
type bindings []binding

// addFlagAndBind adds kf's flag to c with add (f.StringVarP, f.BoolVarP,
// ...), def as its default and the key's doc as its usage, and binds dst
// to the key, in the spirit of golangci-lint's AddFlagAndBind.
func addFlagAndBind[T any](c *cobra.Command, b *bindings, add func(*T, string, string, T, string), kf keyFlag, dst *T, def T) {
	add(dst, kf.name, kf.short, def, flagUsage(kf.configKey()))
	_ = c.Flags().SetAnnotation(kf.name, keyAnnotation, []string{kf.key})
	bind(b, kf, dst)
}

// bind records that kf's key fills dst when its flag is not given, or
// when the command has no such flag (the key still counts there).
func bind[T any](b *bindings, kf keyFlag, dst *T) {
	if k := kf.configKey(); !fits(k.Type, dst) {
		panic(fmt.Sprintf("flag --%s: key %s is a %s, bound to a %T", kf.name, kf.key, k.Type, dst))
	}
	*b = append(*b, binding{kf, func(raw any) { *dst = raw.(T) }})
}

// fits says whether dst holds a value of a key of type t: an int holds one
// window of a list (--window-days).
func fits(t config.Type, dst any) bool {
	switch dst.(type) {
	case *string:
		return t == config.String
	case *bool:
		return t == config.Bool
	case *int:
		return t == config.Int || t == config.IntList
	case *float64:
		return t == config.Float
	case *[]string:
		return t == config.StringList
	}
	return false
}
