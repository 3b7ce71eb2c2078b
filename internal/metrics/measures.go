package metrics

import (
	"strings"
)

// Measure is one counter of a rollup row; its name is the column.
type Measure int

// The measures. Durations are sums of milliseconds with a count beside
// them; SLA figures count targets met and breached when they complete.
const (
	Created      Measure = iota // tickets opened
	BotTickets                  // tickets in which the bot wrote
	Replies                     // public human (agent) replies
	FRTN                        // first human replies counted
	FRTMS                       // their first response times (business hours where the SLA uses them)
	NRTN                        // next replies counted (a human reply to a customer waiting after the first)
	NRTMS                       // their next response times
	Solved                      // solves, reopened ones again
	FirstSolved                 // tickets solved for the first time
	ResMS                       // their resolution times (paused while waiting on the customer)
	FCR                         // first solves not reopened within the window
	Reopened                    // first solves reopened later
	AutoSolved                  // first solves with no human reply
	BotSolved                   // first solves with no human reply after the bot wrote
	SLAFRTMet                   // first-response targets met
	SLAFRTBreach                // and breached
	SLANRTMet
	SLANRTBreach
	SLAResMet
	SLAResBreach
	Breaches   // sla.breached events, any target
	HandleN    // agent replies with a handle time
	HandleMS   // handle time
	CSATN      // CSAT answers
	CSATSum    // their scores (1-5)
	CSATGood   // answers of 4 or 5
	CSATBotN   // CSAT answers on tickets the bot solved
	CSATBotSum // their scores
	NPSN       // NPS answers
	NPSPro     // promoters (9-10)
	NPSDet     // detractors (0-6)
	numMeasures
)

// measureNames are the columns, in Measure order.
var measureNames = [numMeasures]string{"created", "bot_tickets", "replies", "frt_n", "frt_ms", "nrt_n", "nrt_ms",
	"solved", "first_solved", "res_ms", "fcr", "reopened", "auto_solved", "bot_solved",
	"sla_frt_met", "sla_frt_breach", "sla_nrt_met", "sla_nrt_breach", "sla_res_met", "sla_res_breach", "breaches",
	"handle_n", "handle_ms", "csat_n", "csat_sum", "csat_good", "csat_bot_n", "csat_bot_sum", "nps_n", "nps_pro", "nps_det"}

func (m Measure) String() string { return measureNames[m] }

// Counts is one rollup row's measures.
type Counts [numMeasures]int64

// add adds o to c.
func (c *Counts) add(o Counts) {
	for i := range c {
		c[i] += o[i]
	}
}

// columnList is the measure columns joined with sep around each name.
func columnList(format string) string {
	parts := make([]string, numMeasures)
	for i, n := range measureNames {
		parts[i] = strings.ReplaceAll(format, "%", n)
	}
	return strings.Join(parts, ", ")
}

// Dim is a dimension figures are broken down by.
type Dim string

// The dimensions. All has one key, "".
const (
	DimAll         Dim = "all"
	DimChannel     Dim = "channel"
	DimQueue       Dim = "queue"
	DimTeam        Dim = "team"
	DimAgent       Dim = "agent"
	DimLanguage    Dim = "language"
	DimProductArea Dim = "product_area"
	DimIntent      Dim = "intent"
)

// Dims lists the dimensions in the order pages offer them.
var Dims = []Dim{DimAll, DimChannel, DimQueue, DimTeam, DimAgent, DimLanguage, DimProductArea, DimIntent}

// ParseDim reads a dimension's name.
func ParseDim(s string) (Dim, bool) {
	for _, d := range Dims {
		if string(d) == s {
			return d, true
		}
	}
	return "", false
}
