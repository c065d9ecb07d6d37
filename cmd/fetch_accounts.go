package cmd

import (
	"fmt"
	"slices"

	"github.com/sellerhealth/audit/internal/config"
	"github.com/sellerhealth/audit/internal/fetch"
	"github.com/sellerhealth/audit/internal/platformapi"
)

// platformShared is what the accounts of --accounts share on the other
// platforms: the endpoints, the applications' client ids and secrets
// (ebay.client_id, allegro.client_secret, ...: an agency's app serves all
// its clients, unless an entry names its own), and the default lists.
// The sellers' secrets come from each entry's variables alone: the
// top-level refresh tokens and Kaufland keys are one account's, and are
// not used with --accounts, as spapi.refresh_token is not.
type platformShared struct {
	ebay        platformapi.EBayConfig
	ebayMarkets []string
	allegro     platformapi.AllegroConfig
	kaufland    platformapi.KauflandConfig
	storefronts []string
	days        int
	// only is --reports (nil: everything each account has).
	only []string
}

// resolveShared reads the platforms' shared keys for --accounts. A
// --reports platform that no account has is a usage error, as is one
// without credentials alone.
func resolveShared(l *layers, only []string, accounts []config.Account) (*platformShared, error) {
	s := &platformShared{only: only, ebayMarkets: []string{"EBAY_US"}, storefronts: []string{"de"}, days: 90}
	for _, k := range []struct {
		key string
		dst *string
	}{
		{"ebay.client_id", &s.ebay.ClientID}, {"ebay.client_secret", &s.ebay.ClientSecret},
		{"ebay.endpoint", &s.ebay.BaseURL}, {"ebay.token_url", &s.ebay.TokenURL},
		{"allegro.client_id", &s.allegro.ClientID}, {"allegro.client_secret", &s.allegro.ClientSecret},
		{"allegro.endpoint", &s.allegro.BaseURL}, {"allegro.token_url", &s.allegro.TokenURL}, {"allegro.redirect_uri", &s.allegro.RedirectURI},
		{"kaufland.endpoint", &s.kaufland.BaseURL},
	} {
		configValue(l, k.key, k.dst)
	}
	s.ebay.UserAgent, s.allegro.UserAgent, s.kaufland.UserAgent = "audit", "audit", "audit"
	configValue(l, "ebay.marketplaces", &s.ebayMarkets)
	configValue(l, "kaufland.storefronts", &s.storefronts)
	configValue(l, "kaufland.days", &s.days)
	if s.days < 1 {
		return nil, usagef("kaufland.days must be at least 1, got %d", s.days)
	}
	if len(accounts) == 0 {
		return s, nil // runAccounts says so
	}
	for _, r := range only {
		var has func(config.Account) bool
		var field string
		switch r {
		case fetch.PlatformEBay:
			has, field = config.Account.EBay, "ebay_refresh_token_env"
		case fetch.PlatformAllegro:
			has, field = config.Account.Allegro, "allegro_refresh_token_env or allegro_refresh_token_file"
		case fetch.PlatformKaufland:
			has, field = config.Account.Kaufland, "kaufland_client_key_env and kaufland_secret_key_env"
		default:
			continue
		}
		if !slices.ContainsFunc(accounts, has) {
			return nil, usagef("--reports %s: no account of spapi.accounts has %s (docs/fetch.md)", r, field)
		}
	}
	return s, nil
}

// wants tells whether --reports leaves platform in.
func (s *platformShared) wants(platform string) bool {
	return s.only == nil || slices.Contains(s.only, platform)
}

// plan is account a's platforms: its secrets read from the variables its
// entry names, over what the accounts share. A variable named but not set
// is an error naming the account, the field and the variable (never a
// value); with --dry-run, which asks nothing, it is let pass.
func (s *platformShared) plan(a config.Account, lookup func(string) (string, bool), dryRun bool) (*platformPlan, error) {
	pp := &platformPlan{account: a.Name, days: s.days}
	envOf := func(field, name string, dst *string) error {
		if name == "" {
			return nil
		}
		v, ok := lookup(name)
		if !ok || v == "" {
			if dryRun {
				*dst = "unset" // never sent: a dry run asks nothing
				return nil
			}
			return fmt.Errorf("environment variable %s (named by spapi.accounts %s, %s) is not set", name, a.Name, field)
		}
		*dst = v
		return nil
	}
	// app checks that an application's client id and secret are known.
	app := func(platform, id, secret, field, key string) error {
		if id != "" && secret != "" {
			return nil
		}
		return fmt.Errorf("%s: no client id and secret for its application: name them with %s_client_id_env and %s_client_secret_env, or set %s.client_id and %s.client_secret (%s, %s)",
			platform, field, field, key, key, envName(key+".client_id"), envName(key+".client_secret"))
	}
	type env struct{ field, name string }
	read := func(dsts []*string, envs []env) error {
		for i, e := range envs {
			if err := envOf(e.field, e.name, dsts[i]); err != nil {
				return err
			}
		}
		return nil
	}

	if a.EBay() && s.wants(fetch.PlatformEBay) {
		e := s.ebay
		if err := read([]*string{&e.RefreshToken, &e.ClientID, &e.ClientSecret}, []env{
			{"ebay_refresh_token_env", a.EBayRefreshTokenEnv}, {"ebay_client_id_env", a.EBayClientIDEnv}, {"ebay_client_secret_env", a.EBayClientSecretEnv}}); err != nil {
			return nil, err
		}
		if err := app("eBay", e.ClientID, e.ClientSecret, "ebay", "ebay"); err != nil {
			return nil, err
		}
		markets, what := s.ebayMarkets, "ebay.marketplaces"
		if len(a.EBayMarketplaces) > 0 {
			markets, what = a.EBayMarketplaces, "spapi.accounts "+a.Name+": ebay_marketplaces"
		}
		var err error
		if pp.ebayMarkets, err = ebayMarketplaces(markets, what); err != nil {
			return nil, err
		}
		pp.ebay = &e
	}

	if a.Allegro() && s.wants(fetch.PlatformAllegro) {
		al := s.allegro
		pp.allegroFile = a.AllegroRefreshTokenFile
		var err error
		if al.RefreshToken, err = tokenFile(pp.allegroFile, "allegro_refresh_token_file"); err != nil {
			return nil, err
		}
		if al.RefreshToken == "" {
			if err := envOf("allegro_refresh_token_env", a.AllegroRefreshTokenEnv, &al.RefreshToken); err != nil {
				return nil, err
			}
		}
		if al.RefreshToken == "" && dryRun {
			al.RefreshToken = "unset" // never sent
		}
		if al.RefreshToken == "" {
			return nil, fmt.Errorf("allegro_refresh_token_file %s holds no refresh token: put the first one in it (mode 0600), or name its variable with allegro_refresh_token_env", pp.allegroFile)
		}
		if err := read([]*string{&al.ClientID, &al.ClientSecret}, []env{
			{"allegro_client_id_env", a.AllegroClientIDEnv}, {"allegro_client_secret_env", a.AllegroClientSecretEnv}}); err != nil {
			return nil, err
		}
		if err := app("Allegro", al.ClientID, al.ClientSecret, "allegro", "allegro"); err != nil {
			return nil, err
		}
		al.Rotated = pp.saveAllegroToken
		pp.allegro = &al
	}

	if a.Kaufland() && s.wants(fetch.PlatformKaufland) {
		k := s.kaufland
		if err := read([]*string{&k.ClientKey, &k.SecretKey}, []env{
			{"kaufland_client_key_env", a.KauflandClientKeyEnv}, {"kaufland_secret_key_env", a.KauflandSecretKeyEnv}}); err != nil {
			return nil, err
		}
		fronts, what := s.storefronts, "kaufland.storefronts"
		if len(a.KauflandStorefronts) > 0 {
			fronts, what = a.KauflandStorefronts, "spapi.accounts "+a.Name+": kaufland_storefronts"
		}
		var err error
		if pp.storefronts, err = kauflandStorefronts(fronts, what); err != nil {
			return nil, err
		}
		pp.kaufland = &k
	}
	return pp, nil
}
