package input

import (
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// The buyer-messages file is project-defined (report-formats.md, "Canonical
// files"): Amazon offers no export of Buyer-Seller Messaging, so a help desk
// writes it. It holds one row per response; a message without any response
// has one row whose response columns are empty.
var messagesSpec = Spec{
	Kind:  "messages",
	Title: "buyer-messages file",
	Columns: []Column{
		{Name: "message-id", Aliases: []string{"msg-id", "message-number", "buyer-message-id"}},
		{Name: "order-id", Aliases: []string{"amazon-order-id", "order-number", "order"}},
		{Name: "received-at", Aliases: []string{"received", "received-date", "received-time", "received-on", "message-date", "message-received", "message-received-at"}},
		{Name: "response-at", Aliases: []string{"responded-at", "responded", "response-date", "response-time", "replied-at", "reply-date", "answered-at"}},
		{Name: "response-kind", Aliases: []string{"response-type", "reply-type", "kind", "response"}},
		{Name: "marketplace", Aliases: []string{"platform", "channel", "sales-channel", "store", "marketplace-name"}},
		{Name: "thread-id", Aliases: []string{"thread", "conversation-id", "conversation", "ticket-id", "ticket"}},
	},
	Required: []string{"message-id", "received-at", "response-at", "response-kind"},
	Anchor: func(c map[string]int) bool {
		return has(c, "message-id") && (has(c, "received-at") || has(c, "response-at") || has(c, "response-kind"))
	},
	Quoted: true,
	Read:   readMessages,
}

type messageRow struct {
	ID         string `csv:"message-id"`
	OrderID    string `csv:"order-id"`
	Received   string `csv:"received-at"`
	ResponseAt string `csv:"response-at"`
	Kind       string `csv:"response-kind"`
	Market     string `csv:"marketplace"`
	Thread     string `csv:"thread-id"`
}

// responseKind is a row's response-kind: none (a message without a
// response), a manual response, an automatic reply (not a response), or the
// mark that the message needs no reply.
type responseKind uint8

const (
	responseNone responseKind = iota
	responseManual
	responseAuto
	responseNotNeeded
)

const wantResponseKinds = "manual, auto or no-response-needed"

var responseKinds = map[string]responseKind{
	"manual": responseManual, "manual-reply": responseManual, "manual-response": responseManual,
	"human": responseManual, "agent": responseManual,
	"auto": responseAuto, "automatic": responseAuto, "auto-reply": responseAuto, "autoreply": responseAuto,
	"automatic-reply": responseAuto, "auto-response": responseAuto, "automatic-response": responseAuto,
	"autoresponder":      responseAuto,
	"no-response-needed": responseNotNeeded, "no-reply-needed": responseNotNeeded,
	"no-response-required": responseNotNeeded, "no-reply-required": responseNotNeeded,
}

// readMessages folds the rows of one message-id into one records.Message,
// in this file and across files (overlapping downloads): the message's
// receipt and order come from its first row read; its first response is the
// earliest manual one; an automatic reply or a no-response-needed mark on
// any row marks the message. Rows that disagree on the receipt time or the
// order warn, as conflicting values do (conflicts.go), and the first is
// kept; a row that leaves the order empty takes none, and an empty order is
// filled from the next row that gives one.
func readMessages(t *Table, s *Sink) error {
	file := records.Intern(t.File)
	byID := make(map[string]int, len(s.Data.Messages))
	for i := range s.Data.Messages {
		byID[s.Data.Messages[i].ID] = i
	}
	// orderFrom is the row a message's order came from when that is not
	// its first row (messages of earlier files: their first row).
	orderFrom := map[int]records.Source{}
	blankRow := func(r *messageRow) bool {
		return strings.TrimSpace(r.ID+r.OrderID+r.Received+r.ResponseAt+r.Kind+r.Market+r.Thread) == ""
	}
	return decodeCanonical(t, blankRow, func(r *messageRow) error {
		id := strings.TrimSpace(r.ID)
		if id == "" {
			return t.Errorf("message-id", "empty message id")
		}
		var order string
		if strings.TrimSpace(r.OrderID) != "" {
			var err error
			if order, err = orderID(t, "order-id", r.OrderID); err != nil {
				return err
			}
		}
		platform, store, err := parseMarketplace(r.Market)
		if err != nil {
			return t.Errorf("marketplace", "%v", err)
		}
		thread := strings.TrimSpace(r.Thread)
		received, err := timestampField(t, "received-at", r.Received)
		if err != nil {
			return err
		}
		respAt, err := optTimestampField(t, "response-at", r.ResponseAt)
		if err != nil {
			return err
		}
		kind := responseNone
		switch {
		case strings.TrimSpace(r.Kind) != "":
			if kind, err = enumField(t, "response-kind", r.Kind, responseKinds, "response kind", wantResponseKinds); err != nil {
				return err
			}
		case !respAt.IsZero():
			return t.Errorf("response-kind", "empty, but response-at gives %q: want %s", strings.TrimSpace(r.ResponseAt), wantResponseKinds)
		}
		if respAt.IsZero() && (kind == responseManual || kind == responseAuto) {
			return t.Errorf("response-at", "empty, but response-kind says %q: give the response's time", strings.TrimSpace(r.Kind))
		}
		if !respAt.IsZero() && respAt.Compare(received) < 0 {
			return t.Errorf("response-at", "%s is before the message was received (%s)", strings.TrimSpace(r.ResponseAt), strings.TrimSpace(r.Received))
		}

		i, seen := byID[id]
		if !seen {
			i = len(s.Data.Messages)
			byID[id] = i
			s.Data.Messages = append(s.Data.Messages, records.Message{ID: id, OrderID: order, Received: received,
				Platform: platform, Store: store, Thread: thread, Line: int32(t.line), File: file})
			t.spans.Add(records.Received, 0, received.Date)
		} else {
			m := &s.Data.Messages[i]
			here := t.source()
			if !received.Same(m.Received) {
				s.conflictf("message receipt times", "%s: message %s was received at %s here but at %s at %s; using the first",
					at(here), id, stampText(received), stampText(m.Received), at(m.Source()))
			}
			if platform != m.Platform || store != m.Store {
				s.conflictf("message marketplaces", "%s: message %s came through %s here but %s at %s; using the first",
					at(here), id, marketText(platform, store), marketText(m.Platform, m.Store), at(m.Source()))
			}
			switch {
			case thread == "" || thread == m.Thread:
			case m.Thread == "":
				m.Thread = thread
			default:
				s.conflictf("message threads", "%s: message %s is in thread %s here but in thread %s at %s; using the first",
					at(here), id, thread, m.Thread, at(m.Source()))
			}
			switch {
			case order == "" || order == m.OrderID:
			case m.OrderID == "":
				m.OrderID = order
				orderFrom[i] = here
			default:
				from, ok := orderFrom[i]
				if !ok {
					from = m.Source()
				}
				s.conflictf("message orders", "%s: message %s is about order %s here but order %s at %s; using the first",
					at(here), id, order, m.OrderID, at(from))
			}
		}
		m := &s.Data.Messages[i]
		switch kind {
		case responseManual:
			if m.FirstResponse.IsZero() || respAt.Compare(m.FirstResponse) < 0 {
				m.FirstResponse = respAt
			}
		case responseAuto:
			m.AutoReplied = true
		case responseNotNeeded:
			m.NoResponseNeeded = true
		}
		return nil
	})
}

// marketText writes a platform and store as the marketplace column does:
// "kaufland-de", "amazon".
func marketText(platform, store string) string {
	if store == "" {
		return platform
	}
	return platform + "-" + strings.ToLower(store)
}

// stampText writes a timestamp for a warning: its date, or its time in its
// own offset.
func stampText(ts civil.Timestamp) string {
	if !ts.HasTime() {
		return ts.Date.String()
	}
	return ts.Instant().Format(time.RFC3339Nano)
}
