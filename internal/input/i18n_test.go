package input

import (
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// Localized Feedback report headers, one per language, built from the names
// docs/i18n-sources.md lists with their sources. "real" marks headers copied
// from a real file (airbytehq/airbyte PR #9212); the others are only as good
// as their source says.
var i18nFeedbackHeaders = []struct {
	lang   string
	market string // --marketplace, which decides the date order
	cells  []string
	date   string // 3 April 2026 as that marketplace writes it
}{
	{"EN (real, airbyte fixture)", "US", []string{"Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"}, "4/3/26"},
	{"DE (real, airbyte PR 9212)", "DE", []string{"Datum", "Bewertung", "Kommentar", "Ihre Antwort", "Transaktionsnummer", "E-Mail des Bewertenden"}, "3.4.26"},
	{"ES (real, airbyte PR 9212)", "ES", []string{"Date", "Rating", "Comentarios", "Response", "Número de pedido", "E-mail del cliente"}, "3/4/26"},
	{"MX (real, airbyte PR 9212)", "MX", []string{"Fecha", "Rating", "Comentarios", "Tu respuesta", "Número de pedido", "Correo electrónico del evaluador"}, "3/4/26"},
	{"DE (code comment)", "DE", []string{"Datum", "Bewertung", "Kommentare", "Antwort", "Bestellnummer", "E-Mail des Bewerters"}, "3.4.26"},
	{"DE (report-formats.md, unconfirmed)", "DE", []string{"Datum", "Bewertung", "Kommentare", "Ihre Antwort", "Bestellnummer", "E-Mail-Adresse des Bewerters"}, "03.04.26"},
	{"IT (code comment)", "IT", []string{"Date", "Rating", "Comments", "Response", "Numero ordine", "E-mail autore della valutazione"}, "3/4/26"},
	{"FR (code comment)", "FR", []string{"Date", "Évaluation", "Commentaire", "Response", "Order ID", "E-mail de l'évaluateur"}, "03/04/26"},
	{"NL (code comment)", "NL", []string{"Datum", "Beoordeling", "Opmerkingen", "Antwoord", "Bestelnummer", "E-mail van beoordelaar"}, "3/4/26"},
	{"PL (code comment)", "PL", []string{"Data", "Ocena", "Komentarze", "Odpowiedź", "Numer zamówienia", "E-mail oceniającego"}, "3/4/26"},
	{"SE (unconfirmed aliases)", "SE", []string{"Datum", "Betyg", "Kommentarer", "Ditt svar", "Ordernummer", "Rater Email"}, "2026-04-03"},
	{"JP (unconfirmed aliases)", "JP", []string{"日付", "評価", "コメント", "返答", "注文番号", "評価者のメールアドレス"}, "26/4/3"},
}

// Each localized six-cell header is recognised as a Feedback report and its
// rows read by its names: the date, the rating and the order id come out
// right, and no other kind claims the file. With extra columns among the
// standard ones (Arrived On Time, ... after Comments, Rater Role at the
// end) they still do: every column is found by its name.
func TestFeedbackLocalizedHeaders(t *testing.T) {
	for _, c := range i18nFeedbackHeaders {
		t.Run(c.lang, func(t *testing.T) {
			for _, extra := range []bool{false, true} {
				cells := c.cells
				rows := [][]string{
					{c.date, "2", "late", "", "302-1371740-1118237", "x@marketplace.amazon.de"},
					{c.date, "1", "", "sorry", "306-2841250-2398213", ""},
				}
				if extra {
					add := func(r []string, mid []string, last string) []string {
						return append(append(append(append([]string(nil), r[:3]...), mid...), r[3:]...), last)
					}
					cells = add(cells, []string{"Arrived On Time", "Item As Described", "Customer Service"}, "Rater Role")
					for i := range rows {
						rows[i] = add(rows[i], []string{"No", "Yes", "No"}, "Buyer")
					}
				}
				p := writeFile(t, t.TempDir(), "feedback.txt", tsv(
					strings.Join(cells, "\t"), strings.Join(rows[0], "\t"), strings.Join(rows[1], "\t")))
				l := mustLoad(t, Options{Marketplace: c.market}, p)
				checkInputs(t, l, []records.InputFile{{File: p, Kind: "feedback", Rows: 2}})
				checkFeedback(t, l, []feedback{
					{"302-1371740-1118237", "2026-04-03", 2, false, 2},
					{"306-2841250-2398213", "2026-04-03", 1, false, 3},
				})
			}
		})
	}
}

// With fewer than six cells the columns are read by name, so each
// language's date, rating and order-id names must map to the right column
// whatever their order.
func TestFeedbackLocalizedHeadersByName(t *testing.T) {
	for _, c := range i18nFeedbackHeaders {
		t.Run(c.lang, func(t *testing.T) {
			date, rating, comments, id := c.cells[0], c.cells[1], c.cells[2], c.cells[4]
			p := writeFile(t, t.TempDir(), "feedback.txt", tsv(
				id+"\t"+comments+"\t"+rating+"\t"+date,
				"302-1371740-1118237\tlate\t3\t"+c.date,
			))
			l := mustLoad(t, Options{Marketplace: c.market}, p)
			checkInputs(t, l, []records.InputFile{{File: p, Kind: "feedback", Rows: 1}})
			checkFeedback(t, l, []feedback{{"302-1371740-1118237", "2026-04-03", 3, false, 2}})
		})
	}
}

// The real German header (airbyte PR 9212) names the order id
// "Transaktionsnummer"; without that alias the file would not be
// recognised at all. Anchor: rating and order-id, plus date or comments.
func TestFeedbackRealGermanHeaderAnchor(t *testing.T) {
	cases := []struct {
		name  string
		cells []string
	}{
		{"rating, order id, date", []string{"Bewertung", "Transaktionsnummer", "Datum"}},
		{"rating, order id, comments", []string{"Kommentar", "Bewertung", "Transaktionsnummer"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spec, cols, reason := detect(c.cells)
			if spec == nil || spec.Kind != "feedback" {
				t.Fatalf("detect(%q) = %v (%s), want feedback", c.cells, spec, reason)
			}
			for _, want := range []string{"rating", "order-id"} {
				if _, ok := cols[want]; !ok {
					t.Errorf("column %s not found in %q: %v", want, c.cells, cols)
				}
			}
		})
	}
}

// Amazon's EU help pages name the All Orders report's quantity column
// "quantity-purchased" (docs/i18n-sources.md); a header using it is an
// orders file whose quantity column is known.
func TestOrdersQuantityPurchasedAlias(t *testing.T) {
	spec, cols, reason := detect(strings.Split("amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity-purchased\tcurrency\titem price", "\t"))
	if spec == nil || spec.Kind != "orders" {
		t.Fatalf("detect = %v (%s), want orders", spec, reason)
	}
	if got, ok := cols["quantity"]; !ok || got != 12 {
		t.Errorf("quantity at %d (found %v), want 12", got, ok)
	}
	if got, ok := cols["item-price"]; !ok || got != 14 {
		t.Errorf("item-price at %d (found %v), want 14", got, ok)
	}
}

// Every alias of the kinds whose tables carry translated or variant names
// is written the way Normalize writes a header, or it could never match.
func TestI18nAliasesNormalized(t *testing.T) {
	for _, s := range Specs() {
		switch s.Kind {
		case "feedback", "orders", "returns":
		default:
			continue
		}
		seen := map[string]string{}
		for _, c := range s.Columns {
			for _, a := range c.Aliases {
				if n := Normalize(a); n != a {
					t.Errorf("%s.%s alias %q normalizes to %q", s.Kind, c.Name, a, n)
				}
				if other, dup := seen[a]; dup {
					t.Errorf("%s alias %q belongs to both %s and %s", s.Kind, a, other, c.Name)
				}
				seen[a] = c.Name
			}
		}
	}
}
