package cmd

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/sellerhealth/audit/internal/fetch"
	"github.com/sellerhealth/audit/internal/platformapi"
)

// platformPlan is what audit fetch asks the other platforms for: each one
// whose credentials are set (docs/fetch.md, "eBay", "Allegro",
// "Kaufland").
type platformPlan struct {
	ebay        *platformapi.EBayConfig
	ebayMarkets []string
	allegro     *platformapi.AllegroConfig
	// allegroFile is allegro.refresh_token_file: where the token Allegro
	// replaces at each refresh is read from and saved to.
	allegroFile string
	kaufland    *platformapi.KauflandConfig
	storefronts []string
	days        int
	warnings    []string

	// account is the spapi.accounts entry's name with --accounts, "" alone.
	account string

	mu      sync.Mutex
	rotated bool // Allegro issued a refresh token that could not be saved
}

// platformCred is a credential's key; its environment variable is the
// key's (config.Key.Env).
type platformCred struct {
	key string
	dst *string
}

func envName(key string) string { return "AUDIT_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_")) }

// credsOf reads a platform's credentials: ok when all are set, an error
// naming the missing ones when some only are.
func credsOf(l *layers, platform string, creds []platformCred) (bool, error) {
	var missing []string
	for _, c := range creds {
		configValue(l, c.key, c.dst)
		if *c.dst == "" {
			missing = append(missing, envName(c.key))
		}
	}
	switch len(missing) {
	case 0:
		return true, nil
	case len(creds):
		return false, nil
	}
	return false, usagef("%s credentials incomplete: set %s (docs/fetch.md)", platform, strings.Join(missing, ", "))
}

// resolvePlatforms reads the platforms' keys.
func resolvePlatforms(l *layers, only []string) (*platformPlan, error) {
	pp := &platformPlan{}
	e := &platformapi.EBayConfig{}
	on, err := credsOf(l, "eBay", []platformCred{{"ebay.client_id", &e.ClientID}, {"ebay.client_secret", &e.ClientSecret}, {"ebay.refresh_token", &e.RefreshToken}})
	if err != nil {
		return nil, err
	}
	if on {
		configValue(l, "ebay.endpoint", &e.BaseURL)
		configValue(l, "ebay.token_url", &e.TokenURL)
		e.UserAgent = "audit"
		pp.ebay = e
		markets := []string{"EBAY_US"}
		configValue(l, "ebay.marketplaces", &markets)
		if pp.ebayMarkets, err = ebayMarketplaces(markets, "ebay.marketplaces"); err != nil {
			return nil, &usageError{err}
		}
	}

	a := &platformapi.AllegroConfig{}
	configValue(l, "allegro.refresh_token_file", &pp.allegroFile)
	if a.RefreshToken, err = tokenFile(pp.allegroFile, "allegro.refresh_token_file"); err != nil {
		return nil, &usageError{err}
	}
	creds := []platformCred{{"allegro.client_id", &a.ClientID}, {"allegro.client_secret", &a.ClientSecret}}
	if a.RefreshToken == "" {
		creds = append(creds, platformCred{"allegro.refresh_token", &a.RefreshToken})
	}
	if on, err = credsOf(l, "Allegro", creds); err != nil {
		return nil, err
	}
	if on {
		configValue(l, "allegro.endpoint", &a.BaseURL)
		configValue(l, "allegro.token_url", &a.TokenURL)
		configValue(l, "allegro.redirect_uri", &a.RedirectURI)
		a.UserAgent = "audit"
		a.Rotated = pp.saveAllegroToken
		pp.allegro = a
	}

	k := &platformapi.KauflandConfig{}
	if on, err = credsOf(l, "Kaufland", []platformCred{{"kaufland.client_key", &k.ClientKey}, {"kaufland.secret_key", &k.SecretKey}}); err != nil {
		return nil, err
	}
	if on {
		configValue(l, "kaufland.endpoint", &k.BaseURL)
		k.UserAgent = "audit"
		pp.kaufland = k
		fronts := []string{"de"}
		configValue(l, "kaufland.storefronts", &fronts)
		if pp.storefronts, err = kauflandStorefronts(fronts, "kaufland.storefronts"); err != nil {
			return nil, &usageError{err}
		}
		pp.days = 90
		configValue(l, "kaufland.days", &pp.days)
		if pp.days < 1 {
			return nil, usagef("kaufland.days must be at least 1, got %d", pp.days)
		}
	}

	// --reports naming a platform whose credentials are not set.
	for _, r := range only {
		var missing bool
		var keys string
		switch r {
		case fetch.PlatformEBay:
			missing, keys = pp.ebay == nil, "AUDIT_EBAY_CLIENT_ID, AUDIT_EBAY_CLIENT_SECRET, AUDIT_EBAY_REFRESH_TOKEN"
		case fetch.PlatformAllegro:
			missing, keys = pp.allegro == nil, "AUDIT_ALLEGRO_CLIENT_ID, AUDIT_ALLEGRO_CLIENT_SECRET, AUDIT_ALLEGRO_REFRESH_TOKEN"
		case fetch.PlatformKaufland:
			missing, keys = pp.kaufland == nil, "AUDIT_KAUFLAND_CLIENT_KEY, AUDIT_KAUFLAND_SECRET_KEY"
		}
		if missing {
			return nil, usagef("--reports %s: no credentials: set %s (docs/fetch.md)", r, keys)
		}
	}
	if !slices.Contains(only, fetch.PlatformEBay) && only != nil {
		pp.ebay = nil
	}
	if !slices.Contains(only, fetch.PlatformAllegro) && only != nil {
		pp.allegro = nil
	}
	if !slices.Contains(only, fetch.PlatformKaufland) && only != nil {
		pp.kaufland = nil
	}
	pp.warnings = platformSecretWarnings(l)
	return pp, nil
}

// splitList splits values at commas, trims and cases them, and drops
// empty ones and repeats.
func splitList(values []string, caseOf func(string) string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = caseOf(strings.TrimSpace(part)); part != "" && !slices.Contains(out, part) {
				out = append(out, part)
			}
		}
	}
	return out
}

// configured tells whether any platform is fetched.
func (pp *platformPlan) configured() bool {
	return pp.ebay != nil || pp.allegro != nil || pp.kaufland != nil
}

// saveAllegroToken keeps the refresh token Allegro issued in place of the
// one used: in allegro.refresh_token_file, else it is lost, with a
// warning at the end (the token itself is never shown).
func (pp *platformPlan) saveAllegroToken(token string) {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if pp.allegroFile != "" {
		if err := fetch.SaveSecretFile(pp.allegroFile, token); err == nil {
			return
		}
	}
	pp.rotated = true
}

// rotationWarning is the warning of a refresh token Allegro replaced that
// could not be kept, "" when none.
func (pp *platformPlan) rotationWarning() string {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if !pp.rotated {
		return ""
	}
	if pp.account != "" {
		if pp.allegroFile != "" {
			return fmt.Sprintf("spapi.accounts %s: Allegro issued a new refresh token that could not be saved in %s (its allegro_refresh_token_file): the one given may no longer be accepted; authorise the application again if the next run is refused", pp.account, pp.allegroFile)
		}
		return fmt.Sprintf("spapi.accounts %s: Allegro issued a new refresh token, which audit did not keep: the one given may no longer be accepted. Give the entry an allegro_refresh_token_file so that audit saves it (docs/fetch.md, Allegro)", pp.account)
	}
	if pp.allegroFile != "" {
		return fmt.Sprintf("Allegro issued a new refresh token that could not be saved in %s (allegro.refresh_token_file): the one given may no longer be accepted; authorise the application again if the next run is refused", pp.allegroFile)
	}
	return "Allegro issued a new refresh token, which audit did not keep: the one given may no longer be accepted. Set allegro.refresh_token_file (AUDIT_ALLEGRO_REFRESH_TOKEN_FILE) so that audit saves it (docs/fetch.md, Allegro)"
}

// platformSecretWarnings: a config file holding a platform secret that
// others can read gets a warning.
func platformSecretWarnings(l *layers) []string {
	return readableSecrets(l, []string{"ebay.client_secret", "ebay.refresh_token", "allegro.client_secret", "allegro.refresh_token", "kaufland.secret_key"}, "AUDIT_*")
}

// fetchPlatformsAfter fetches pp's platforms into dir after SP-API's fetch
// gave res and err (nil and nil when SP-API was not asked), for one
// account alone or each of --accounts (name, "" alone). Nothing is asked
// when SP-API's fetch could not start or was interrupted.
func fetchPlatformsAfter(ctx context.Context, p *fetchPlan, pp *platformPlan, dir, name string, res *fetch.Result, err error, progress *progressNote) (*fetch.Result, error) {
	if !pp.configured() || ctx.Err() != nil || (res == nil && err != nil) {
		return res, err
	}
	if res == nil {
		if st, serr := os.Stat(dir); serr == nil && !st.IsDir() {
			return nil, &usageError{fmt.Errorf("%s: not a folder", dir)}
		}
		if !p.opts.DryRun {
			if merr := os.MkdirAll(dir, 0o755); merr != nil {
				return nil, fmt.Errorf("%s: %v", dir, merr)
			}
		}
	}
	res, perr := fetchPlatforms(ctx, p, pp, dir, name, res, progress)
	if err == nil {
		err = perr
	} else if perr != nil {
		err = fmt.Errorf("%v; %v", err, perr)
	}
	return res, err
}

// newResult is the result of an account fetched from no SP-API store.
func newResult(p *fetchPlan, dir string) *fetch.Result {
	res := &fetch.Result{Dir: dir, Stores: []string{}, Notes: []string{}}
	if p.opts.Since != 0 {
		res.Since, res.To = p.opts.Since.String(), p.opts.To.String()
	} else {
		res.AsOf = p.opts.Settings.AsOf.String()
	}
	return res
}

// fetchPlatforms fetches the platforms of pp into dir, appending to res.
func fetchPlatforms(ctx context.Context, p *fetchPlan, pp *platformPlan, dir, name string, res *fetch.Result, progress *progressNote) (*fetch.Result, error) {
	o := fetch.PlatformOptions{Dir: dir, Now: p.opts.Now, DryRun: p.opts.DryRun, Progress: progress.step(name)}
	if pp.ebay != nil {
		c, err := platformapi.NewEBay(*pp.ebay)
		if err != nil {
			return res, &usageError{err}
		}
		o.EBay, o.EBayMarketplaces = c, pp.ebayMarkets
	}
	if pp.allegro != nil {
		c, err := platformapi.NewAllegro(*pp.allegro)
		if err != nil {
			return res, &usageError{err}
		}
		o.Allegro = c
	}
	if pp.kaufland != nil {
		c, err := platformapi.NewKaufland(*pp.kaufland)
		if err != nil {
			return res, &usageError{err}
		}
		from := p.opts.Since
		if from == 0 {
			from = p.opts.Settings.AsOf.AddDays(-pp.days)
		}
		o.Kaufland, o.KauflandStorefronts, o.KauflandFrom = c, pp.storefronts, from.Time()
	}
	if res == nil {
		res = newResult(p, dir)
	}
	return fetch.RunPlatforms(ctx, o, res)
}

// ebayMarketplaces reads a list of eBay marketplace ids (EBAY_US, ...),
// set by what (a config key, an account's field).
func ebayMarketplaces(list []string, what string) ([]string, error) {
	out := splitList(list, strings.ToUpper)
	for _, m := range out {
		if !strings.HasPrefix(m, "EBAY_") {
			return nil, fmt.Errorf("%s: %q is not an eBay marketplace id (EBAY_US, EBAY_GB, EBAY_DE, ...)", what, m)
		}
	}
	return out, nil
}

// kauflandStorefronts reads a list of Kaufland storefronts, set by what.
func kauflandStorefronts(list []string, what string) ([]string, error) {
	out := splitList(list, strings.ToLower)
	for _, sf := range out {
		if !slices.Contains([]string{"de", "cz", "sk", "pl", "at"}, sf) {
			return nil, fmt.Errorf("%s: unknown storefront %q (known: de, cz, sk, pl, at)", what, sf)
		}
	}
	return out, nil
}

// tokenFile is the refresh token a file holds ("" when there is no file,
// or it is absent or empty), named what in an error.
func tokenFile(path, what string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return "", fmt.Errorf("%s: %v", what, err)
	}
	return strings.TrimSpace(string(b)), nil
}
