package fetch

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/platformapi"
)

// The --reports names of the other platforms' sources, one per platform.
const (
	PlatformEBay     = "ebay"
	PlatformAllegro  = "allegro"
	PlatformKaufland = "kaufland"
)

// PlatformNames are the --reports names of the other platforms' sources.
func PlatformNames() []string { return []string{PlatformEBay, PlatformAllegro, PlatformKaufland} }

// Kinds of the files the platforms' sources write, as the manifest
// records them (docs/fetch.md).
const (
	KindEBaySellerStandards  = "ebay-standards"
	KindEBayCustomerService  = "ebay-service-metric"
	KindAllegroSaleQuality   = "allegro-sales-quality"
	KindKauflandOrderUnits   = "kaufland-order-units"
	ebayCustomerServiceShort = "inad"
)

// PlatformOptions are an account's fetch from the other platforms' APIs:
// a nil client is a platform not fetched.
type PlatformOptions struct {
	Dir string
	// EBay, with the marketplaces (EBAY_US, EBAY_DE, ...) whose customer
	// service metrics are asked for.
	EBay             *platformapi.EBay
	EBayMarketplaces []string
	Allegro          *platformapi.Allegro
	// Kaufland, with the storefronts (de, cz, sk, pl, at) and the first
	// instant of the order units asked for (by creation).
	Kaufland            *platformapi.Kaufland
	KauflandStorefronts []string
	KauflandFrom        time.Time
	// Now is the clock (time.Now when nil).
	Now      func() time.Time
	DryRun   bool
	Progress func(Step)
}

// platformTask is one file of a platform's source.
type platformTask struct {
	file, kind, source, store string
	from                      civil.Date
	get                       func(context.Context) ([]byte, int, error)
}

// EBayCustomerServiceFile is the file of a customer service metric
// (ITEM_NOT_AS_DESCRIBED: inad, ITEM_NOT_RECEIVED: inr) of a marketplace.
func EBayCustomerServiceFile(metricType, marketplace string) string {
	short := ebayCustomerServiceShort
	if metricType == platformapi.EBayItemNotReceived {
		short = "inr"
	}
	return "ebay-customer-service-" + short + "-" + marketplace + ".json"
}

func (o *PlatformOptions) tasks(today civil.Date) []platformTask {
	var out []platformTask
	if c := o.EBay; c != nil {
		out = append(out, platformTask{file: "ebay-seller-standards.json", kind: KindEBaySellerStandards,
			source: "eBay " + platformapi.CallFindSellerStandardsProfiles, from: today,
			get: func(ctx context.Context) ([]byte, int, error) {
				b, err := c.SellerStandardsProfiles(ctx)
				return b, count(b, "standardsProfiles"), err
			}})
		for _, mk := range o.EBayMarketplaces {
			for _, typ := range []string{platformapi.EBayItemNotAsDescribed, platformapi.EBayItemNotReceived} {
				out = append(out, platformTask{file: EBayCustomerServiceFile(typ, mk), kind: KindEBayCustomerService,
					source: "eBay " + platformapi.CallGetCustomerServiceMetric + " " + typ + "/CURRENT", store: mk, from: today,
					get: func(ctx context.Context) ([]byte, int, error) {
						b, err := c.CustomerServiceMetric(ctx, typ, mk)
						return b, count(b, "dimensionMetrics"), err
					}})
			}
		}
	}
	if c := o.Allegro; c != nil {
		out = append(out, platformTask{file: "allegro-sale-quality.json", kind: KindAllegroSaleQuality,
			source: "Allegro " + platformapi.CallGetSaleQuality, from: today,
			get: func(ctx context.Context) ([]byte, int, error) {
				b, err := c.SaleQuality(ctx)
				return b, count(b, "quality"), err
			}})
	}
	if c := o.Kaufland; c != nil {
		for _, sf := range o.KauflandStorefronts {
			out = append(out, platformTask{file: "kaufland-order-units-" + sf + ".json", kind: KindKauflandOrderUnits,
				source: "Kaufland " + platformapi.CallGetOrderUnits, store: sf, from: civil.DateOf(o.KauflandFrom.UTC()),
				get: func(ctx context.Context) ([]byte, int, error) {
					return c.OrderUnits(ctx, sf, o.KauflandFrom)
				}})
		}
	}
	return out
}

// count is the length of the array under key of a JSON object, for the
// summary's ROWS; 0 when it is not one.
func count(b []byte, key string) int {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return 0
	}
	var list []json.RawMessage
	if json.Unmarshal(m[key], &list) != nil {
		return 0
	}
	return len(list)
}

// RunPlatforms fetches the other platforms' sources into o.Dir, each call's
// answer written as the platform sent it (Kaufland's pages merged into one
// document), atomically, and recorded in the folder's manifest. Each file
// is fetched again at every run: the platforms keep no history the folder
// could be completed from. The files are appended to res (a new Result
// when nil). A file that fails does not stop the others; the error then
// counts them. Call it after Run, not alongside: both save the manifest.
func RunPlatforms(ctx context.Context, o PlatformOptions, res *Result) (*Result, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	now := o.Now()
	today := civil.DateOf(now.UTC())
	if res == nil {
		res = &Result{Dir: o.Dir, Stores: []string{}, Notes: []string{}}
	}
	tasks := o.tasks(today)
	first := len(res.Files)
	for _, t := range tasks {
		f := File{File: t.file, Kind: t.kind, Source: t.source, Store: t.store, From: t.from, To: today, Reason: "a snapshot: fetched at every run"}
		if o.DryRun {
			f.Action = Planned
		}
		res.Files = append(res.Files, f)
	}
	if o.DryRun || len(tasks) == 0 {
		return res, nil
	}
	m, err := readManifest(o.Dir)
	if err != nil {
		return res, err
	}
	failed := 0
	for i, t := range tasks {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		f := &res.Files[first+i]
		if o.Progress != nil {
			o.Progress(Step{File: t.file, State: "requesting", Done: i, Total: len(tasks)})
		}
		state := "done"
		body, rows, err := t.get(ctx)
		switch {
		case platformapi.NotAvailable(err):
			f.Action, f.Reason = NoData, "eBay has no such metric for the seller (409, error 54200)"
			res.Notes = append(res.Notes, fmt.Sprintf("%s: %s; the file is not written", t.file, strings.TrimPrefix(err.Error(), "eBay ")))
			state = "no data"
		case err != nil:
			f.Action, f.Error = Failed, err.Error()
			failed++
			state = "failed"
		default:
			size, sum, werr := writeAtomic(o.Dir, t.file, body)
			if werr == nil {
				m.setFile(input.FetchedFile{File: t.file, Kind: t.kind, Source: t.source, Store: t.store, Size: size, SHA256: sum, FetchedAt: now.UTC()})
				werr = m.save(o.Dir)
			}
			if werr != nil {
				f.Action, f.Error = Failed, fmt.Sprintf("writing %s: %v", filepath.Join(o.Dir, t.file), werr)
				failed++
				state = "failed"
				break
			}
			f.Action, f.Rows, f.Bytes = Fetched, rows, size
		}
		if o.Progress != nil {
			o.Progress(Step{File: t.file, State: state, Done: i + 1, Total: len(tasks)})
		}
	}
	if failed > 0 {
		return res, fmt.Errorf("%d of %d platform files could not be fetched", failed, len(tasks))
	}
	return res, nil
}

// SaveSecretFile writes a secret (a rotated refresh token) to path, readable
// by its owner alone, through a temporary file renamed over it.
func SaveSecretFile(path, secret string) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+"-*.tmp") // mode 0600
	if err != nil {
		return err
	}
	if _, err := f.WriteString(secret + "\n"); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
