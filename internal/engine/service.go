package engine

import (
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The customer-service metrics (metrics.md, "Customer service"): each a
// check of its own, read from the canonical buyer-messages,
// return-requests and ratings files. They are Optional: audit all shows
// them only when their file is among the inputs.
func init() {
	register(Check{ID: metrics.ContactResponseRate, Needs: []string{"messages"}, Optional: true,
		Compute: func(d *records.Dataset, s settings.Settings) Outcome {
			return Outcome{Results: metrics.ContactResponse(d, s)}
		}})
	register(Check{ID: metrics.ReturnDissatisfactionRate, Needs: []string{"return-requests"}, Optional: true,
		Compute: func(d *records.Dataset, s settings.Settings) Outcome {
			return Outcome{Results: []metrics.Result{metrics.ReturnDissatisfaction(d, s)}}
		}})
	register(Check{ID: metrics.CustomerServiceRating, Needs: []string{"ratings"}, Optional: true,
		Compute: func(d *records.Dataset, s settings.Settings) Outcome {
			return Outcome{Results: []metrics.Result{metrics.ServiceRating(d, s)}}
		}})
	register(Check{ID: metrics.CustomerServiceDissatisfactionRate, Needs: []string{"ratings"}, Optional: true,
		Compute: func(d *records.Dataset, s settings.Settings) Outcome {
			return Outcome{Results: []metrics.Result{metrics.ServiceDissatisfaction(d, s)}}
		}})
}

// Service is every customer-service check, in the order audit service and
// audit all show them.
var Service = []string{metrics.ContactResponseRate, metrics.ReturnDissatisfactionRate,
	metrics.CustomerServiceRating, metrics.CustomerServiceDissatisfactionRate}

// WithInputs is ids less the Optional checks none of whose reports was
// read: audit all shows the customer-service metrics only for an account
// whose help-desk files are among the inputs.
func WithInputs(ids []string, d *records.Dataset) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		c, ok := lookup(id)
		if ok && c.Optional {
			read := false
			for _, k := range c.Needs {
				read = read || d.Has(k)
			}
			if !read {
				continue
			}
		}
		out = append(out, id)
	}
	return out
}
