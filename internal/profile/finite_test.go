package profile

import (
	"math"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/settings"
)

// NaN and the infinities are no target, whatever layer gives them (a
// flag's included): NaN passes every range check and made each entry fail
// "< NaN%".
func TestResolveRejectsNonFinite(t *testing.T) {
	p, _ := ByName("amazon-us")
	for _, key := range []string{"thresholds.odr.fail", "thresholds.odr.warn", "thresholds.customer_service_rating.fail", "thresholds.valid_tracking_rate.warn"} {
		for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			_, err := Resolve(p, map[string]settings.Override{key: {Value: v, Origin: "flag --x"}})
			if err == nil || !strings.Contains(err.Error(), "flag --x: "+key+": want a finite number") {
				t.Errorf("%s = %v: %v", key, v, err)
			}
		}
	}
}
