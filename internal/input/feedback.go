package input

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/pii"
	"github.com/sellerhealth/audit/internal/records"
)

// Feedback report (GET_SELLER_FEEDBACK_DATA): 1-3 star feedback only.
// Headers are translated per marketplace (the aliases below, in every
// language docs/i18n-sources.md lists), and the file is read by those
// names, so a layout with other columns (Arrived On Time, Item As
// Described, Customer Service, Rater Role) cannot shift the order id. The
// standard column order (Date, Rating, Comments, Your Response, Order ID,
// Rater Email) is only the fallback for a standard column a standard
// layout does not name (Positions, positions.go). Dates are short and their
// order of day and month depends on the marketplace; they are resolved
// after all files are read (see resolveFeedback).
var feedbackSpec = Spec{
	Kind:  "feedback",
	Title: "Feedback report",
	Columns: []Column{
		// Aliases: docs/i18n-sources.md gives the source of each one (the
		// real DE, ES and MX headers of airbytehq/airbyte PR #9212 first).
		{Name: "date", Aliases: []string{"datum", "fecha", "data", "datum-beoordeling", "日付"}},
		{Name: "rating", Aliases: []string{"bewertung", "évaluation", "evaluation", "note", "valutazione", "puntuación", "puntuacion", "calificación", "beoordeling", "betyg", "ocena", "評価"}},
		{Name: "comments", Aliases: []string{"comment", "kommentar", "kommentare", "commentaire", "commentaires", "commenti", "comentarios", "opmerkingen", "kommentarer", "komentarze", "コメント"}},
		{Name: "your-response", Aliases: []string{"response", "ihre-antwort", "antwort", "votre-réponse", "la-tua-risposta", "tu-respuesta", "uw-reactie", "antwoord", "ditt-svar", "twoja-odpowiedź", "odpowiedź", "返答"}},
		{Name: "order-id", Aliases: []string{"transaktionsnummer", "bestellnummer", "numéro-de-commande", "numero-ordine", "número-de-pedido", "n.º-de-pedido", "bestelnummer", "ordernummer", "numer-zamówienia", "注文番号"}},
		{Name: "rater-email", Aliases: []string{"e-mail-des-bewertenden", "e-mail-des-bewerters", "e-mail-adresse-des-bewerters", "rater-e-mail", "e-mail-de-l'évaluateur", "e-mail-autore-della-valutazione", "email-del-valutatore", "e-mail-del-cliente", "correo-electrónico-del-evaluador", "e-mail-van-beoordelaar", "e-mail-oceniającego", "評価者のメールアドレス"}},
		// Optional, not in Amazon's report: a column saying Amazon
		// removed the feedback or struck it through (help 20231).
		{Name: "removed", Aliases: []string{"struck-through", "strikethrough", "struck", "feedback-removed", "is-removed", "removed-or-struck-through"}},
	},
	Required: []string{"date", "rating", "order-id"},
	Anchor: func(c map[string]int) bool {
		return has(c, "rating", "order-id") && (has(c, "date") || has(c, "comments"))
	},
	// The report's standard column order, the fallback for a standard
	// column its header does not name.
	Positions: []string{"date", "rating", "comments", "your-response", "order-id", "rater-email"},
	Read:      readFeedback,
}

type pendingFeedback struct {
	index  int // into Dataset.Feedback
	raw    string
	file   string
	line   int
	column int
	name   string
	// japanese: the file's header is in Japanese, so the report is from
	// Amazon.co.jp, whose YY/M/D dates the dates alone cannot tell from
	// D/M/YY (26/1/13).
	japanese bool
}

func readFeedback(t *Table, s *Sink) error {
	return eachRow(t, func(row []string) error {
		id, err := orderID(t, "order-id", t.Get(row, "order-id"))
		if err != nil {
			return err
		}
		rv := t.Get(row, "rating")
		rating, err := parseRating(rv)
		if err != nil {
			return t.Errorf("rating", "%v", err)
		}
		dv := t.Get(row, "date")
		if dv == "" {
			return t.Errorf("date", "empty date")
		}
		col := t.Cols["date"]
		s.feedback = append(s.feedback, pendingFeedback{
			index: len(s.Data.Feedback), raw: dv, file: t.File, line: t.line, column: col + 1, name: t.Header[col],
			japanese: Normalize(t.Header[col]) == "日付",
		})
		s.Data.Feedback = append(s.Data.Feedback, records.Feedback{
			OrderID: id, Rating: rating, Removed: truthy(t.Get(row, "removed")),
			Comment: negativeComment(rating, t.Get(row, "comments")), Source: t.source(),
		})
		return nil
	})
}

// negativeComment is the comment kept for a feedback of the given rating:
// only a negative one's (1 or 2 stars), which audit feedback weighs for
// removal, cut at about records.MaxComment bytes (pii.Cut: on a UTF-8
// boundary, never inside an e-mail address or phone number, which would
// then neither be masked nor count as a removal ground). It is cloned:
// the row's cells share the memory of the file's line. It may hold
// personal data, so no error or warning ever quotes it.
func negativeComment(rating int, c string) string {
	if rating > 2 {
		return ""
	}
	return strings.Clone(pii.Cut(c, records.MaxComment))
}

// parseRating reads a star rating 1-5 (Amazon writes "1".."5"; "4.0" is accepted).
func parseRating(v string) (int, error) {
	v = strings.TrimSuffix(strings.TrimSpace(v), ".0")
	if len(v) == 1 && v[0] >= '1' && v[0] <= '5' {
		return int(v[0] - '0'), nil
	}
	return 0, fmt.Errorf("rating %q is not a star rating from 1 to 5", v)
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "y", "yes", "true", "1", "x", "removed", "struck", "struck-through", "struck through":
		return true
	}
	return false
}

// resolveFeedback parses the feedback dates once every file is read: the
// day/month order comes from --marketplace, else from the orders' sales
// channels, else from dates that only one order allows (13/1/26, 13.1.26,
// 2026-01-13; see civil.ShortEvidence). When nothing decides between M/D and
// D/M the tool refuses to guess.
func resolveFeedback(s *Sink, opt Options) error {
	if len(s.feedback) == 0 {
		return nil
	}
	order, how, err := feedbackDateOrder(s, opt)
	if err != nil {
		return err
	}
	for _, p := range s.feedback {
		d, err := civil.ParseShort(p.raw, order)
		if err != nil {
			return &InputError{File: p.file, Line: p.line, Column: p.column, Name: p.name,
				Msg: fmt.Sprintf("%v (feedback dates read as %s, %s)", err, order, how)}
		}
		s.Data.Feedback[p.index].Date = d
	}
	s.feedback = nil
	return nil
}

func feedbackDateOrder(s *Sink, opt Options) (civil.Order, string, error) {
	if opt.Marketplace != "" {
		m, ok := market.ByCode(opt.Marketplace)
		if !ok {
			return 0, "", fmt.Errorf("unknown marketplace %q (known: %s)", opt.Marketplace, strings.Join(market.Codes(), ", "))
		}
		return m.DateOrder, "from --marketplace " + m.Code, nil
	}
	// Sales channels of the orders.
	byOrder := map[civil.Order][]string{}
	s.Data.Orders.SalesChannels(func(y records.Sym) {
		if m, ok := market.BySalesChannel(y.String()); ok {
			byOrder[m.DateOrder] = append(byOrder[m.DateOrder], m.Code)
		}
	})
	if len(byOrder) == 1 {
		for o, codes := range byOrder {
			sort.Strings(codes)
			return o, "from the orders' marketplace " + strings.Join(codes, ", "), nil
		}
	}
	// A Japanese header: Amazon.co.jp writes YY/M/D. Mixed with feedback
	// of other stores, no one order reads all the dates.
	var jp, other *pendingFeedback
	for i := range s.feedback {
		if s.feedback[i].japanese && jp == nil {
			jp = &s.feedback[i]
		} else if !s.feedback[i].japanese && other == nil {
			other = &s.feedback[i]
		}
	}
	if jp != nil && other == nil {
		return civil.YMD, "from the Japanese header", nil
	}
	if jp != nil {
		return 0, "", fmt.Errorf("%s has a Japanese header (Amazon.co.jp, dates YY/M/D) but %s does not: audit one store at a time, or pass --marketplace", jp.file, other.file)
	}
	// Dates that allow one order only.
	possible := map[civil.Order]bool{civil.MDY: true, civil.DMY: true, civil.YMD: true}
	for _, p := range s.feedback {
		ev := civil.ShortEvidence(p.raw)
		if ev == nil {
			return 0, "", &InputError{File: p.file, Line: p.line, Column: p.column, Name: p.name,
				Msg: fmt.Sprintf("%q is not a date", p.raw)}
		}
		allowed := map[civil.Order]bool{}
		for _, o := range ev {
			allowed[o] = true
		}
		for o := range possible {
			if !allowed[o] {
				delete(possible, o)
			}
		}
	}
	if len(possible) == 1 {
		for o := range possible {
			return o, "the only order the dates allow", nil
		}
	}
	if len(possible) == 0 {
		p := s.feedback[0]
		return 0, "", &InputError{File: p.file, Line: p.line, Column: p.column, Name: p.name,
			Msg: "feedback dates fit no single day/month order; pass --marketplace"}
	}
	p := s.feedback[0]
	return 0, "", fmt.Errorf("%s: cannot tell whether feedback dates like %q are month/day or day/month; pass --marketplace (US, UK, DE, ...)", p.file, p.raw)
}
