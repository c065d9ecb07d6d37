package platformapi

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// KauflandBaseURL is the Seller API's host; its paths start with /v2
// (swagger.json 2.17.2, servers [{url: "/v2"}]).
const KauflandBaseURL = "https://sellerapi.kaufland.com"

// KauflandPageSize is the largest limit GetOrderUnits takes (1..100).
const KauflandPageSize = 100

// CallGetOrderUnits is GET /v2/order-units's operation, as errors name it.
const CallGetOrderUnits = "GetOrderUnits"

// maxPages bounds a paging that does not end (a server that keeps
// answering full pages).
const maxPages = 10000

// KauflandConfig configures a [Kaufland] client.
type KauflandConfig struct {
	// ClientKey and SecretKey are the seller's API keys (Seller Portal,
	// API settings). Both required; the secret key is never sent.
	ClientKey, SecretKey string
	// BaseURL replaces https://sellerapi.kaufland.com (a test server).
	BaseURL string
	// Now is the clock the Shop-Timestamp is read off; nil: time.Now.
	Now func() time.Time
	Options
}

// Kaufland calls Kaufland's Seller API v2 for one seller.
type Kaufland struct {
	c      *caller
	base   string
	key    string
	secret string
	now    func() time.Time
}

// NewKaufland checks cfg and makes a client; it sends nothing.
func NewKaufland(cfg KauflandConfig) (*Kaufland, error) {
	if err := required(PlatformKaufland, cfg.ClientKey, cfg.SecretKey); err != nil {
		return nil, err
	}
	base, _, err := endpoints(PlatformKaufland, cfg.BaseURL, KauflandBaseURL, "", "")
	if err != nil {
		return nil, err
	}
	c, err := newCaller(PlatformKaufland, cfg.Options)
	if err != nil {
		return nil, err
	}
	c.secrets.Add(cfg.SecretKey)
	k := &Kaufland{c: c, base: base, key: cfg.ClientKey, secret: cfg.SecretKey, now: cfg.Now}
	if k.now == nil {
		k.now = time.Now
	}
	return k, nil
}

// KauflandSignature is the Shop-Signature of a request: the lowercase hex
// of HMAC-SHA256, keyed with the secret key, of
// METHOD "\n" FULL_URL "\n" BODY "\n" TIMESTAMP, FULL_URL being the
// absolute URL with its query string and TIMESTAMP the Shop-Timestamp
// (Unix seconds).
func KauflandSignature(secret, method, fullURL, body string, timestamp int64) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(method + "\n" + fullURL + "\n" + body + "\n" + strconv.FormatInt(timestamp, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// OrderUnits is GetOrderUnits: GET /v2/order-units?storefront=S
// &ts_created_from_iso=T&limit=100&offset=N, page after page, merged into
// one document of Kaufland's shape: {"data":[every unit, as Kaufland sent
// it],"pagination":{"offset":0,"limit":n,"total":n}}. A unit seen on two
// pages (the list moves while it is paged) is kept once, its first
// sending. It answers the document and the count of units.
func (k *Kaufland) OrderUnits(ctx context.Context, storefront string, createdFrom time.Time) ([]byte, int, error) {
	var units []json.RawMessage
	seen := map[string]bool{}
	offset := 0
	for page := 0; ; page++ {
		if page >= maxPages {
			return nil, 0, &HTTPError{Platform: PlatformKaufland, Call: CallGetOrderUnits, StatusCode: http.StatusOK, Message: fmt.Sprintf("more than %d pages; gave up", maxPages)}
		}
		q := "storefront=" + url.QueryEscape(storefront) +
			"&ts_created_from_iso=" + url.QueryEscape(createdFrom.UTC().Format("2006-01-02T15:04:05Z")) +
			"&limit=" + strconv.Itoa(KauflandPageSize) + "&offset=" + strconv.Itoa(offset)
		data, err := k.get(ctx, CallGetOrderUnits, k.base+"/v2/order-units?"+q)
		if err != nil {
			return nil, 0, err
		}
		var body struct {
			Data       []json.RawMessage `json:"data"`
			Pagination *struct {
				Total int `json:"total"`
			} `json:"pagination"`
		}
		if err := json.Unmarshal(data, &body); err != nil || body.Data == nil {
			msg := "the answer is not {\"data\": [...]}"
			if err != nil {
				msg += ": " + err.Error()
			}
			return nil, 0, &HTTPError{Platform: PlatformKaufland, Call: CallGetOrderUnits, StatusCode: http.StatusOK, Message: msg}
		}
		for _, u := range body.Data {
			var id struct {
				ID json.RawMessage `json:"id_order_unit"`
			}
			if json.Unmarshal(u, &id) == nil && len(id.ID) > 0 {
				if seen[string(id.ID)] {
					continue
				}
				seen[string(id.ID)] = true
			}
			units = append(units, u)
		}
		offset += len(body.Data)
		if len(body.Data) == 0 || body.Pagination == nil || offset >= body.Pagination.Total {
			break
		}
	}
	var b bytes.Buffer
	b.WriteString(`{"data":[`)
	for i, u := range units {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		b.Write(u)
	}
	if len(units) > 0 {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, `],"pagination":{"offset":0,"limit":%d,"total":%d}}`+"\n", len(units), len(units))
	return b.Bytes(), len(units), nil
}

// get sends a signed GET and answers the body of a 200.
func (k *Kaufland) get(ctx context.Context, call, u string) ([]byte, error) {
	resp, data, err := k.c.exchange(ctx, call, func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		ts := k.now().Unix()
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Shop-Client-Key", k.key)
		req.Header.Set("Shop-Timestamp", strconv.FormatInt(ts, 10))
		req.Header.Set("Shop-Signature", KauflandSignature(k.secret, http.MethodGet, u, "", ts))
		return req, nil
	})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, k.c.fail(call, resp, data)
	}
	return data, nil
}
