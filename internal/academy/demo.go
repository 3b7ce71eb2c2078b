package academy

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/kb"
)

// The demo's internal article: the security queue's playbook, which
// customers never see.
var demoPlaybook = kb.NewText{Slug: "security-queue-playbook", Category: "security", Internal: true, Lang: "en", Status: kb.Published, Author: "demo",
	Title: "Security queue playbook (internal)",
	Body: `Work a security ticket in this order.

1. **Contain first.** If the customer reports an account takeover, ask the exchange to lock withdrawals (account action) as soon as the customer is verified at L2. Do not wait for the full story.
2. **Never ask for a secret.** No seed phrase, private key, password or 2FA code, ever, in any channel. The outbound guard blocks it; do not try to word around it.
3. **Verify before details.** Account details need L1; account actions need L2 (a fresh step-up). Impersonators call the security queue because it can act.
4. **Point to /verify.** Customers who were contacted by "support" outside the widget check the agent's code at /verify.
5. **Hand over evidence, not opinions.** Note the login IPs, devices and withdrawals the exchange shows; escalate to fraud when several accounts share them.`}

// demoCourses are the demo's courses: the first two are a new agent's
// learning path; the third grants the security specialist certification.
var demoCourses = []CourseInput{
	{
		Title: "Support foundations", PassMark: 70, TimeLimit: 600, PathPosition: 1, PathUnlocks: "General · English · Tier 1",
		Summary: "What support can and cannot do, and how customers tell us from impersonators.",
		Lessons: []LessonInput{{Slug: "what-support-cannot-do"}, {Slug: "verify-a-support-agent"}, {Slug: "phishing-and-fake-support"}, {Slug: "contact-support"}},
		Questions: []Question{
			{Kind: KindChoice, Prompt: "Which of these may an agent ask a customer for?",
				Choices: []string{"The 12 or 24 words of their recovery phrase", "Their current 2FA code", "The TxID of the deposit", "Their password, to check the account"}, Correct: 2,
				Explanation: "A TxID is public. Recovery phrases, 2FA codes and passwords are never asked for by anyone in support."},
			{Kind: KindScenario, Scenario: "A customer writes: \"Someone from your support messaged me on Telegram and says my account will be closed unless I confirm my wallet.\"",
				Prompt: "What do you tell them?", Choices: []string{
					"Give them your agent code and tell them to check it, and any other contact, at /verify; we never ask to confirm a wallet",
					"Ask them to forward the Telegram contact's wallet confirmation link so you can check it",
					"Tell them to do what the contact says if the contact knew their e-mail address"}, Correct: 0,
				Explanation: "Official-channel verification is the defence against impersonators; knowing an e-mail address proves nothing."},
			{Kind: KindChoice, Prompt: "A customer asks you to reverse an on-chain transfer they sent to the wrong address. What is true?",
				Choices: []string{"Support can reverse it within 24 hours", "A confirmed transfer cannot be reversed by the exchange; explain the options honestly", "It can be reversed if the customer pays a fee"}, Correct: 1,
				Explanation: "Confirmed transactions are final; promising otherwise is how scams start."},
		},
	},
	{
		Title: "Deposits and networks", PassMark: 75, TimeLimit: 900, PathPosition: 2, PathUnlocks: "Tier 2 (deposit investigations)",
		Summary: "Wrong networks, missing memos, confirmations and the recovery process.",
		Lessons: []LessonInput{{Slug: "wrong-network-deposit"}, {Slug: "missing-memo-tag"}, {Slug: "pending-confirmations"}, {Slug: "missing-deposit"}},
		Questions: []Question{
			{Kind: KindScenario, Scenario: "A customer says they sent 500 USDT on BNB Smart Chain to the Tron (TRC-20) deposit address the page gave them. It has not arrived.",
				Prompt: "What do you do first?", Choices: []string{
					"Tell them the funds are lost for good",
					"Check the TxID: if the address is one the exchange controls on that chain, open a deposit-recovery appeal and explain its fee and timing",
					"Ask for their recovery phrase so the funds can be moved back",
					"Credit 500 USDT to their account from the support budget"}, Correct: 1,
				Explanation: "A wrong-network deposit is often recoverable when the exchange controls the key on the other chain; the recovery process decides, with a fee."},
			{Kind: KindScenario, Scenario: "A customer deposited XRP without the destination tag (memo) the deposit page showed.",
				Prompt: "What do you ask them for?", Choices: []string{"The TxID of the deposit, so it can be matched and credited", "Their password", "Nothing: deposits without a tag are returned automatically"}, Correct: 0,
				Explanation: "With the TxID the deposit can be found on the shared address and credited to the right account."},
			{Kind: KindChoice, Prompt: "A Bitcoin deposit shows 1 of 2 required confirmations. What do you tell the customer?",
				Choices: []string{"It failed and they should send it again", "It is on its way: it is credited when it reaches the required confirmations", "Support can credit it now"}, Correct: 1},
			{Kind: KindChoice, Prompt: "Which of these proves the customer owns the sending address in a recovery appeal?",
				Choices: []string{"A screenshot of their wallet", "A message signed with the sending address's key", "Their e-mail confirmation"}, Correct: 1},
		},
	},
	{
		Title: "Account security specialist", PassMark: 80, TimeLimit: 900,
		Summary: "Account takeovers, 2FA resets and locks: the security queue's work, and its playbook.",
		Lessons: []LessonInput{{Slug: "hacked-account-first-steps"}, {Slug: "reset-2fa"}, {Slug: "account-locked"}, {Slug: demoPlaybook.Slug, Note: "Internal: the queue's order of work."}},
		Questions: []Question{
			{Kind: KindScenario, Scenario: "A verified customer (L2) writes at 03:00: \"I got a withdrawal confirmation e-mail I did not ask for. I can still log in.\"",
				Prompt: "What is your first step?", Choices: []string{
					"Lock withdrawals through the account action, then investigate", "Ask for their 2FA code to check the session", "Tell them to change their e-mail address and wait for the morning team"}, Correct: 0,
				Explanation: "Contain first: a locked account loses nothing while you investigate."},
			{Kind: KindChoice, Prompt: "Which verification level does a 2FA reset need?",
				Choices: []string{"L0: anyone who knows the e-mail address", "L1: signed in", "L2: a fresh step-up"}, Correct: 2},
			{Kind: KindScenario, Scenario: "A caller says they are the customer, are travelling, lost their phone and need the 2FA removed now. The ticket is at L0.",
				Prompt: "What do you do?", Choices: []string{
					"Remove the 2FA: they know the account's e-mail", "Start the step-up (or the exchange's 2FA-reset process) and act only after it succeeds", "Ask them for their seed phrase as proof"}, Correct: 1},
			{Kind: KindChoice, Prompt: "Two accounts that report a takeover used the same login IP. What do you do?",
				Choices: []string{"Nothing: IPs are shared", "Note it on both tickets and escalate to fraud", "Tell each customer the other's account name"}, Correct: 1},
			{Kind: KindChoice, Prompt: "The outbound guard blocked your reply. What do you do?",
				Choices: []string{"Reword it so the guard does not notice", "Read why it was blocked and write a reply that does not ask for a secret", "Send it from a personal e-mail"}, Correct: 1},
		},
	},
}

// demoCertifications: the path's second course certifies deposit
// investigations (no gate in the demo), the third is the security
// specialist certification that gates the security queue.
var demoCertifications = []struct {
	course int
	in     CertificationInput
}{
	{1, CertificationInput{Slug: "deposit-investigations", Name: "Deposit investigations", PassMark: 75, ValidDays: 365,
		Description: "Wrong-network and missing-memo deposits, confirmations and recovery appeals."}},
	{2, CertificationInput{Slug: "security-specialist", Name: "Security specialist", PassMark: 80, ValidDays: 180, Gates: []string{GateSecurity},
		Description: "Account takeovers, 2FA resets and locks; required to take or be assigned the security queue."}},
}

// SeedDemo adds the demo's courses and certifications (once: it does
// nothing when courses exist) and certifies the agents in holders, by
// certification slug, as if they had passed its quiz.
func (s *Service) SeedDemo(ctx context.Context, holders map[string][]int64) error {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM academy_courses`).Scan(&n); err != nil {
		return fmt.Errorf("academy demo: %w", err)
	}
	if n > 0 {
		return nil
	}
	if _, err := s.articles.BySlug(ctx, demoPlaybook.Slug, "en"); errs.Is(err, errs.NotFound) {
		if _, err := s.articles.Save(ctx, demoPlaybook); err != nil {
			return fmt.Errorf("academy demo playbook: %w", err)
		}
	} else if err != nil {
		return fmt.Errorf("academy demo playbook: %w", err)
	}
	var ids []int64
	for _, in := range demoCourses {
		c, err := s.CreateCourse(ctx, 0, in)
		if err != nil {
			return fmt.Errorf("academy demo course %q: %w", in.Title, err)
		}
		ids = append(ids, c.ID)
	}
	for _, dc := range demoCertifications {
		in := dc.in
		in.CourseID = ids[dc.course]
		c, err := s.CreateCertification(ctx, in)
		if err != nil {
			return fmt.Errorf("academy demo certification %q: %w", in.Slug, err)
		}
		for _, agent := range holders[c.Slug] {
			if err := s.Grant(ctx, agent, c.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// Grant certifies agentID at the certification's current version from
// now, without a quiz: for the demo's seeded specialists.
func (s *Service) Grant(ctx context.Context, agentID, certID int64) error {
	c, err := s.Certification(ctx, certID)
	if err != nil {
		return err
	}
	now := s.now()
	expires := now.Add(time.Duration(c.ValidDays) * 24 * time.Hour)
	_, err = s.db.Exec(ctx, `INSERT INTO academy_holdings (agent_id, certification_id, version, attempt_id, passed_at, expires_at) VALUES (?, ?, ?, 0, ?, ?)
		ON CONFLICT (agent_id, certification_id) DO UPDATE SET version = excluded.version, attempt_id = 0, passed_at = excluded.passed_at, expires_at = excluded.expires_at`,
		agentID, certID, c.Version, now.UnixMilli(), expires.UnixMilli())
	if err != nil {
		return fmt.Errorf("grant certification %d to agent %d: %w", certID, agentID, err)
	}
	return nil
}
