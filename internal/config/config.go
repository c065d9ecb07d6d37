// Package config reads the settings a user keeps outside the command line:
// a config file (YAML, TOML or JSON, read with viper) and AUDIT_*
// environment variables. Every key is declared in Keys, so an unknown key
// or a bad value is an error naming the key and where it came from, and
// docs/configuration.md is checked against the same list.
//
// Precedence, highest first: flags, environment, file, profile. This
// package gives the file and environment layers; cmd puts the flags on top
// and internal/profile supplies the bottom.
package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/viper"

	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/settings"
)

// Type is what a key's value must be.
type Type int

const (
	String Type = iota
	Float
	Int
	Bool
	IntList
	StringList
	// AccountList is a list of SP-API accounts (spapi.accounts): each a
	// map of the fields AccountFields lists.
	AccountList
)

func (t Type) String() string {
	return [...]string{"string", "number", "integer", "true or false", "list of integers", "list of strings", "list of accounts"}[t]
}

// Key is one setting a file or the environment may hold.
type Key struct {
	Name string // dotted: "fail_on", "thresholds.odr.fail"
	Type Type
	Doc  string
}

// Env is the key's environment variable: AUDIT_ and the key in capitals
// with dots as underscores (AUDIT_THRESHOLDS_ODR_FAIL).
func (k Key) Env() string {
	return "AUDIT_" + strings.ToUpper(strings.ReplaceAll(k.Name, ".", "_"))
}

// Keys lists every key, in the order docs/configuration.md shows them. A
// key's Doc is also the usage of the flag that stands for it (cmd), so it
// is written for both.
var Keys = func() []Key {
	ks := []Key{
		{"profile", String, "built-in threshold profile (amazon-us, amazon-eu, ebay, ...); default: the one of the marketplace"},
		{"marketplace", String, "store code (US, UK, DE, JP, ...): the store when the reports do not make it clear, and its profile unless one is named"},
		{"fail_on", String, "exit 1 when an entry has this status: fail (the default), warn (warn, incomplete or fail), incomplete, no-data, several of these separated by commas (fail,incomplete,no-data), or never"},
		{"output", String, "output format: table, json, csv, markdown, junit or html; audit trend takes table, json or csv, audit thresholds table or json"},
		{"color", String, "colour the table: auto, always or never; NO_COLOR disables it"},
		{"encoding", String, "text encoding of the reports: auto, utf-8, windows-1252, iso-8859-1 or shift_jis"},
		{"columns", StringList, "your own header names, each kind.column=Header, e.g. orders.purchase-date=Kaufdatum"},
		{"html.title", String, "-o html: the page's title, the client's or store's name (default: the name of the account's folder)"},
		{"odr.count_denied_claims", Bool, "ODR: count denied A-to-z claims too (the stricter reading)"},
		{"feedback.removal_days", Int, "days after a feedback during which Amazon accepts a request to remove it (90)"},
		{"feedback.period_days", Int, "days after an order during which a buyer can still leave feedback (90): the ODR is provisional until then"},
		{"feedback.product_review_words", StringList, "words or phrases that mark a feedback comment as a product review (any language; none by default)"},
		{"feedback.obscene_words", StringList, "words or phrases that mark a feedback comment as obscene (any language; none by default)"},
		{"spapi.client_id", String, "audit fetch: the LWA client id of your SP-API application"},
		{"spapi.client_secret", String, "audit fetch: the LWA client secret of your SP-API application (a secret: prefer the environment)"},
		{"spapi.refresh_token", String, "audit fetch: the refresh token of the seller account's authorisation (a secret: prefer the environment)"},
		{"spapi.endpoint", String, "audit fetch: base URL replacing the region's SP-API endpoint (the sandbox, a test server)"},
		{"spapi.token_url", String, "audit fetch: URL replacing the Login with Amazon token endpoint https://api.amazon.com/auth/o2/token"},
		{"spapi.marketplaces", StringList, "audit fetch: the stores to fetch (US, DE, ...), all in one SP-API region"},
		{"spapi.poll_seconds", Int, "audit fetch: seconds between two questions to Amazon whether a report is ready (30)"},
		{"spapi.timeout", String, "audit fetch: the longest wait for one report, as 45m or 1h30m (45m)"},
		{"spapi.accounts", AccountList, "audit fetch --accounts: the accounts, each with name and its sources: SP-API (marketplaces, refresh_token_env; client_id_env, client_secret_env, region), eBay (ebay_refresh_token_env, ebay_marketplaces), Allegro (allegro_refresh_token_env and/or allegro_refresh_token_file), Kaufland (kaufland_client_key_env, kaufland_secret_key_env, kaufland_storefronts); secrets only as the names of environment variables (docs/fetch.md)"},
		{"ebay.client_id", String, "audit fetch: the client id (App ID) of your eBay application"},
		{"ebay.client_secret", String, "audit fetch: the client secret (Cert ID) of your eBay application (a secret: prefer the environment)"},
		{"ebay.refresh_token", String, "audit fetch: the eBay seller's refresh token, granted the sell.analytics.readonly scope (a secret: prefer the environment)"},
		{"ebay.marketplaces", StringList, "audit fetch: the eBay marketplaces whose customer service metrics to fetch (EBAY_US, EBAY_GB, EBAY_DE, ...; default EBAY_US)"},
		{"ebay.endpoint", String, "audit fetch: base URL replacing https://api.ebay.com (the sandbox, a test server)"},
		{"ebay.token_url", String, "audit fetch: URL replacing eBay's token endpoint https://api.ebay.com/identity/v1/oauth2/token"},
		{"allegro.client_id", String, "audit fetch: the client id of your Allegro application"},
		{"allegro.client_secret", String, "audit fetch: the client secret of your Allegro application (a secret: prefer the environment)"},
		{"allegro.refresh_token", String, "audit fetch: the Allegro seller's refresh token, when allegro.refresh_token_file holds none (a secret: prefer the environment)"},
		{"allegro.refresh_token_file", String, "audit fetch: a file holding the Allegro refresh token, where audit saves the new one Allegro issues at each refresh (mode 0600)"},
		{"allegro.redirect_uri", String, "audit fetch: the redirect URI of your Allegro application, sent with the token refresh when set"},
		{"allegro.endpoint", String, "audit fetch: base URL replacing https://api.allegro.pl (the sandbox https://api.allegro.pl.allegrosandbox.pl, a test server)"},
		{"allegro.token_url", String, "audit fetch: URL replacing Allegro's token endpoint https://allegro.pl/auth/oauth/token"},
		{"kaufland.client_key", String, "audit fetch: the client key of your Kaufland Seller API keys"},
		{"kaufland.secret_key", String, "audit fetch: the secret key of your Kaufland Seller API keys (a secret: prefer the environment)"},
		{"kaufland.storefronts", StringList, "audit fetch: the Kaufland storefronts whose order units to fetch (de, cz, sk, pl, at; default de)"},
		{"kaufland.days", Int, "audit fetch: days before the audit date from which Kaufland's order units are fetched, by creation (90)"},
		{"kaufland.endpoint", String, "audit fetch: base URL replacing https://sellerapi.kaufland.com (a test server)"},
	}
	ks = append(ks,
		Key{"service.days_off", StringList, "your own days off (YYYY-MM-DD): they do not count towards a buyer-message deadline counted in working days (Kaufland, Allegro), like public holidays"},
		Key{"service.thread_limit", Int, "messages a buyer thread may hold before it counts as over the limit on the platforms that count them (Kaufland; 5)"},
	)
	// A service.<platform> block for every platform a help desk's
	// messages may come through.
	for _, p := range settings.ResponsePlatforms {
		ks = append(ks,
			Key{"service." + p + ".deadline_hours", Int, p + ": hours after receipt by which the first response to a buyer message is due"},
			Key{"service." + p + ".working_days", Bool, p + ": only working days count towards the deadline (not weekends nor the store country's public holidays)"},
			Key{"service." + p + ".seller_days_off", Bool, p + ": your days off (service.days_off) do not count towards the deadline either"},
			Key{"service." + p + ".period", String, p + ": what the response rate is measured over: days (the windows ending on the audit date) or week (the calendar week)"},
		)
	}
	// A thresholds.<id> block for every metric of the catalog that has a
	// target (not the work lists).
	for _, m := range metrics.Figures() {
		id := m.ID
		ks = append(ks,
			Key{"thresholds." + id + ".fail", Float, id + ": the target (a value on the wrong side of it fails)"},
			Key{"thresholds." + id + ".warn", Float, id + ": the early-warning line"},
			Key{"thresholds." + id + ".advisory", Bool, id + ": a miss only warns"},
			Key{"thresholds." + id + ".window_days", IntList, id + ": " + windowDoc(m)},
			Key{"thresholds." + id + ".lag_days", Int, id + ": days between the window's end and the audit date"},
		)
	}
	return ks
}()

// Lookup finds a key by name.
func Lookup(name string) (Key, bool) {
	for _, k := range Keys {
		if k.Name == name {
			return k, true
		}
	}
	return Key{}, false
}

// Origin says where a value came from.
type Origin struct {
	Layer string `json:"layer"` // "profile", "file", "env", "flag"
	Name  string `json:"name"`  // the profile, the file's path, the variable, the flag
}

func (o Origin) String() string { return o.Layer + " " + o.Name }

// Value is a typed value and its origin.
type Value struct {
	Raw    any // string, float64, int, bool, []int or []string
	Origin Origin
}

// Config is the file and environment layers, merged: environment over file.
type Config struct {
	File   string // the file read, "" when none
	values map[string]Value
}

// Get returns a key's value, if the file or the environment set it.
func (c *Config) Get(name string) (Value, bool) {
	v, ok := c.values[name]
	return v, ok
}

// Options say where to look.
type Options struct {
	// Path is --config (or AUDIT_CONFIG): the file must exist.
	Path string
	// Dir is searched for audit.yaml / audit.yml / audit.toml / audit.json
	// when Path is empty (the working directory).
	Dir string
	// UserDir is searched next ($XDG_CONFIG_HOME/audit or its OS
	// equivalent) for config.yaml / .yml / .toml / .json.
	UserDir string
	// LookupEnv reads the environment (os.LookupEnv; tests pass a map).
	LookupEnv func(string) (string, bool)
}

// DefaultUserDir is the user's config folder for audit.
func DefaultUserDir() string {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "audit")
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "audit")
}

// Load reads the config file (if any) and the environment. Each call uses
// its own viper instance: no global state.
func Load(o Options) (*Config, error) {
	if o.LookupEnv == nil {
		o.LookupEnv = os.LookupEnv
	}
	c := &Config{values: map[string]Value{}}
	path, err := find(o)
	if err != nil {
		return nil, err
	}
	if path != "" && path != os.DevNull {
		if err := c.readFile(path); err != nil {
			return nil, err
		}
	}
	for _, k := range Keys {
		raw, ok := o.LookupEnv(k.Env())
		if !ok {
			continue
		}
		v, err := parseString(k, raw)
		if err != nil {
			return nil, fmt.Errorf("environment variable %s: %v", k.Env(), err)
		}
		c.values[k.Name] = Value{Raw: v, Origin: Origin{"env", k.Env()}}
	}
	return c, nil
}

var fileNames = []string{"yaml", "yml", "toml", "json"}

// MaxFileSize bounds a config file: a few kilobytes is already a long one.
// A larger file, or one that never ends (/dev/zero), is refused.
const MaxFileSize = 1 << 20

// find picks the config file: Path, else ./audit.{yaml,...}, else the
// user's config folder; "" when there is none. Path must be a regular file
// (a symbolic link is followed): a folder, a device or a named pipe is
// refused, and never opened. os.DevNull is the exception: it reads as an
// empty file (--config /dev/null: no config file, not even ./audit.yaml).
func find(o Options) (string, error) {
	if o.Path == os.DevNull {
		return o.Path, nil
	}
	if o.Path != "" {
		st, err := os.Stat(o.Path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("config file %s: no such file", o.Path)
			}
			return "", fmt.Errorf("config file %s: %v", o.Path, err)
		}
		if err := checkFile(st); err != nil {
			return "", fmt.Errorf("config file %s: %v", o.Path, err)
		}
		return o.Path, nil
	}
	for _, cand := range []struct{ dir, base string }{{o.Dir, "audit"}, {o.UserDir, "config"}} {
		if cand.dir == "" {
			continue
		}
		for _, ext := range fileNames {
			p := filepath.Join(cand.dir, cand.base+"."+ext)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p, nil
			}
		}
	}
	return "", nil
}

// checkFile says why a file of this mode and size cannot be a config file.
func checkFile(st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsDir():
		return errors.New("is a folder, not a file")
	case m&fs.ModeNamedPipe != 0:
		return errors.New("is a named pipe, not a regular file")
	case m&fs.ModeSocket != 0:
		return errors.New("is a socket, not a regular file")
	case m&fs.ModeDevice != 0:
		return errors.New("is a device, not a regular file")
	case !m.IsRegular():
		return errors.New("is not a regular file")
	case st.Size() > MaxFileSize:
		return fmt.Errorf("%d bytes, more than a config file may hold (%d)", st.Size(), MaxFileSize)
	}
	return nil
}

// readBounded reads the config file at path: a regular file of MaxFileSize
// bytes at most. It opens without blocking, so that a named pipe put in
// the file's place since find looked is refused, not waited on.
func readBounded(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkFile(st); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("more than %d bytes, more than a config file may hold", MaxFileSize)
	}
	return b, nil
}

func (c *Config) readFile(path string) error {
	data, err := readBounded(path)
	if err != nil {
		return fmt.Errorf("config file %s: %v", path, err)
	}
	v := viper.New()
	typ := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	switch typ {
	case "yaml", "yml", "toml", "json":
	default:
		typ = "yaml"
	}
	v.SetConfigType(typ)
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("config file %s: %v", path, err)
	}
	c.File = path
	var unknown []string
	for _, name := range v.AllKeys() {
		k, ok := Lookup(name)
		if !ok {
			unknown = append(unknown, name)
			continue
		}
		val, err := convert(k, v.Get(name))
		if err != nil {
			return fmt.Errorf("config file %s: key %s: %v", path, name, err)
		}
		c.values[name] = Value{Raw: val, Origin: Origin{"file", path}}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("config file %s: unknown key(s) %s (see docs/configuration.md, or `audit config init` for a starter file)", path, strings.Join(unknown, ", "))
	}
	return nil
}

// convert checks a value read from a file against the key's type.
func convert(k Key, raw any) (any, error) {
	bad := func() error { return fmt.Errorf("want %s, got %#v", k.Type, raw) }
	switch k.Type {
	case String:
		if s, ok := raw.(string); ok {
			return s, nil
		}
	case Float:
		switch x := raw.(type) {
		case float64:
			if err := finite(x); err != nil {
				return nil, err
			}
			return x, nil
		case int:
			return float64(x), nil
		case int64:
			return float64(x), nil
		}
	case Int:
		switch x := raw.(type) {
		case int:
			return x, nil
		case int64:
			return int(x), nil
		case float64:
			if x == float64(int(x)) {
				return int(x), nil
			}
		}
	case Bool:
		if b, ok := raw.(bool); ok {
			return b, nil
		}
	case IntList:
		switch x := raw.(type) {
		case []any:
			out := make([]int, 0, len(x))
			for _, e := range x {
				n, err := convert(Key{Name: k.Name, Type: Int}, e)
				if err != nil {
					return nil, bad()
				}
				out = append(out, n.(int))
			}
			return out, nil
		default:
			if n, err := convert(Key{Name: k.Name, Type: Int}, raw); err == nil {
				return []int{n.(int)}, nil
			}
		}
	case StringList:
		if x, ok := raw.([]any); ok {
			out := make([]string, 0, len(x))
			for _, e := range x {
				switch v := e.(type) {
				case string:
					out = append(out, v)
				case time.Time: // YAML reads an unquoted 2026-12-24 as a timestamp
					out = append(out, yamlTime(v))
				default:
					return nil, bad()
				}
			}
			return out, nil
		}
		if s, ok := raw.(string); ok {
			return []string{s}, nil
		}
		if t, ok := raw.(time.Time); ok {
			return []string{yamlTime(t)}, nil
		}
	case AccountList:
		return convertAccounts(raw)
	}
	return nil, bad()
}

// AccountFields are the fields of an spapi.accounts entry, and whether each
// is required whatever else the entry holds (only name is: the others are
// required by the source they belong to, as Account.check says).
var AccountFields = map[string]bool{"name": true, "marketplaces": false, "refresh_token_env": false,
	"client_id_env": false, "client_secret_env": false, "region": false,
	"ebay_refresh_token_env": false, "ebay_client_id_env": false, "ebay_client_secret_env": false, "ebay_marketplaces": false,
	"allegro_refresh_token_env": false, "allegro_refresh_token_file": false, "allegro_client_id_env": false, "allegro_client_secret_env": false,
	"kaufland_client_key_env": false, "kaufland_secret_key_env": false, "kaufland_storefronts": false}

// Account is one entry of spapi.accounts: an account's SP-API stores and
// the other platforms' seller accounts fetched into the same folder. Its
// secrets are named by environment variable (the *Env fields), never
// given; the apps' client ids and secrets default to the top-level keys
// (spapi.client_id, ebay.client_id, allegro.client_id, ...).
type Account struct {
	Name            string
	Marketplaces    []string
	Region          string
	RefreshTokenEnv string
	ClientIDEnv     string
	ClientSecretEnv string

	EBayRefreshTokenEnv string
	EBayClientIDEnv     string
	EBayClientSecretEnv string
	EBayMarketplaces    []string

	AllegroRefreshTokenEnv string
	// AllegroRefreshTokenFile holds the account's Allegro refresh token,
	// read before AllegroRefreshTokenEnv, and where audit saves the one
	// Allegro issues at each refresh (as allegro.refresh_token_file).
	AllegroRefreshTokenFile string
	AllegroClientIDEnv      string
	AllegroClientSecretEnv  string

	KauflandClientKeyEnv string
	KauflandSecretKeyEnv string
	KauflandStorefronts  []string
}

// SPAPI tells whether the account is fetched from SP-API.
func (a Account) SPAPI() bool { return len(a.Marketplaces) > 0 || a.RefreshTokenEnv != "" }

// EBay tells whether the account has an eBay seller account.
func (a Account) EBay() bool { return a.EBayRefreshTokenEnv != "" }

// Allegro tells whether the account has an Allegro seller account.
func (a Account) Allegro() bool {
	return a.AllegroRefreshTokenEnv != "" || a.AllegroRefreshTokenFile != ""
}

// Kaufland tells whether the account has Kaufland seller keys.
func (a Account) Kaufland() bool { return a.KauflandClientKeyEnv != "" || a.KauflandSecretKeyEnv != "" }

// check says what the entry lacks: a source, or a field its source needs.
func (a Account) check(has func(string) bool) error {
	need := func(field string, when ...string) error {
		for _, w := range when {
			if has(w) && !has(field) {
				return fmt.Errorf("%s is required with %s", field, w)
			}
		}
		return nil
	}
	for _, r := range []struct {
		field string
		when  []string
	}{
		{"refresh_token_env", []string{"marketplaces", "region", "client_id_env", "client_secret_env"}},
		{"marketplaces", []string{"refresh_token_env"}},
		{"ebay_refresh_token_env", []string{"ebay_marketplaces", "ebay_client_id_env", "ebay_client_secret_env"}},
		{"kaufland_client_key_env", []string{"kaufland_secret_key_env", "kaufland_storefronts"}},
		{"kaufland_secret_key_env", []string{"kaufland_client_key_env"}},
	} {
		if err := need(r.field, r.when...); err != nil {
			return err
		}
	}
	if !a.Allegro() {
		for _, w := range []string{"allegro_client_id_env", "allegro_client_secret_env"} {
			if has(w) {
				return fmt.Errorf("allegro_refresh_token_env or allegro_refresh_token_file is required with %s", w)
			}
		}
	}
	if !a.SPAPI() && !a.EBay() && !a.Allegro() && !a.Kaufland() {
		return errors.New("nothing to fetch: give marketplaces and refresh_token_env (SP-API), ebay_refresh_token_env, allegro_refresh_token_env or allegro_refresh_token_file, or kaufland_client_key_env and kaufland_secret_key_env")
	}
	return nil
}

// accountFieldNames lists AccountFields, sorted, for an error.
func accountFieldNames() string {
	names := make([]string, 0, len(AccountFields))
	for f := range AccountFields {
		names = append(names, f)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// convertAccounts reads spapi.accounts: a list of maps with the fields of
// AccountFields, names unique, as are Allegro token files (two accounts
// saving their tokens in one file would lose one).
func convertAccounts(raw any) (any, error) {
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of accounts, got %#v", raw)
	}
	out := make([]Account, 0, len(list))
	seen := map[string]bool{}
	tokenFiles := map[string]string{}
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("entry %d: want a map (name, marketplaces, refresh_token_env, ...), got %#v", i+1, e)
		}
		var a Account
		given := map[string]bool{}
		for k, v := range m {
			k = strings.ToLower(k)
			if _, known := AccountFields[k]; !known {
				return nil, fmt.Errorf("entry %d: unknown field %q (known: %s)", i+1, k, accountFieldNames())
			}
			given[k] = true
			if lists := map[string]*[]string{"marketplaces": &a.Marketplaces, "ebay_marketplaces": &a.EBayMarketplaces,
				"kaufland_storefronts": &a.KauflandStorefronts}; lists[k] != nil {
				ss, err := convert(Key{Name: k, Type: StringList}, v)
				if err != nil {
					return nil, fmt.Errorf("entry %d: %s: %v", i+1, k, err)
				}
				*lists[k] = ss.([]string)
				continue
			}
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("entry %d: %s: want a string, got %#v", i+1, k, v)
			}
			*map[string]*string{
				"name": &a.Name, "region": &a.Region,
				"refresh_token_env": &a.RefreshTokenEnv, "client_id_env": &a.ClientIDEnv, "client_secret_env": &a.ClientSecretEnv,
				"ebay_refresh_token_env": &a.EBayRefreshTokenEnv, "ebay_client_id_env": &a.EBayClientIDEnv, "ebay_client_secret_env": &a.EBayClientSecretEnv,
				"allegro_refresh_token_env": &a.AllegroRefreshTokenEnv, "allegro_refresh_token_file": &a.AllegroRefreshTokenFile,
				"allegro_client_id_env": &a.AllegroClientIDEnv, "allegro_client_secret_env": &a.AllegroClientSecretEnv,
				"kaufland_client_key_env": &a.KauflandClientKeyEnv, "kaufland_secret_key_env": &a.KauflandSecretKeyEnv,
			}[k] = s
		}
		for f, required := range AccountFields {
			if required && !given[f] {
				return nil, fmt.Errorf("entry %d: %s is required", i+1, f)
			}
		}
		if a.Name == "" || a.Name == "." || a.Name == ".." || strings.ContainsAny(a.Name, `/\`) || strings.HasPrefix(a.Name, ".") {
			return nil, fmt.Errorf("entry %d: name %q must be a plain folder name", i+1, a.Name)
		}
		if err := a.check(func(f string) bool { return given[f] }); err != nil {
			return nil, fmt.Errorf("entry %d (%s): %v", i+1, a.Name, err)
		}
		if seen[a.Name] {
			return nil, fmt.Errorf("entry %d: name %q is listed twice", i+1, a.Name)
		}
		seen[a.Name] = true
		if f := a.AllegroRefreshTokenFile; f != "" {
			if other, ok := tokenFiles[filepath.Clean(f)]; ok {
				return nil, fmt.Errorf("entry %d (%s): allegro_refresh_token_file %s is also %s's: each account needs its own", i+1, a.Name, f, other)
			}
			tokenFiles[filepath.Clean(f)] = a.Name
		}
		out = append(out, a)
	}
	return out, nil
}

// finite rejects NaN and the infinities, which YAML (.nan, .inf), TOML
// (nan, inf) and strconv ("NaN", "Inf") all read as numbers: no target is
// NaN (every entry would fail "< NaN%", and JSON cannot hold it) or
// infinite.
func finite(f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("want a finite number, got %v", f)
	}
	return nil
}

// parseString reads a value given as text (an environment variable).
func parseString(k Key, s string) (any, error) {
	s = strings.TrimSpace(s)
	switch k.Type {
	case String:
		return s, nil
	case Float:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("want a number, got %q", s)
		}
		if err := finite(f); err != nil {
			return nil, err
		}
		return f, nil
	case Int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("want an integer, got %q", s)
		}
		return n, nil
	case Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("want true or false, got %q", s)
		}
		return b, nil
	case IntList:
		var out []int
		for _, p := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil {
				return nil, fmt.Errorf("want integers separated by commas, got %q", s)
			}
			out = append(out, n)
		}
		return out, nil
	case AccountList:
		var raw any
		if err := json.Unmarshal([]byte(s), &raw); err != nil {
			return nil, fmt.Errorf("want a JSON list of accounts, got %q", s)
		}
		return convertAccounts(raw)
	}
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out, nil
}

// windowDoc says what a metric's window_days key holds.
func windowDoc(m metrics.Metric) string {
	if m.MultiWindow {
		return "window lengths in days, an entry for each, both ends inclusive"
	}
	return "window length in days, both ends inclusive"
}

// yamlTime writes back a value YAML read as a timestamp: a bare date as
// it was written (2026-12-24), a time as RFC 3339.
func yamlTime(t time.Time) string {
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 && t.Location() == time.UTC {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339Nano)
}
