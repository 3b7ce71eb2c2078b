package nlu

import (
	"os"
	"testing"
)

// TestIntentHeldOut2 measures the second blind set (written by helper
// blindlang; labelled/README.md) on its leave-one-set-out fold: both
// models trained on the phrases and the other labelled sets.
//
// Measured once blind by the lead on 2026-12-06: intent accuracy 97.2 %
// (664/683), high-stakes recall 89.9 % (98/109), hand-off precision 84.5 %
// (98/116). The set then became development data: the impostor, remote-
// session, money-gone and completed-withdrawal cues (signals.go) were
// written after reading its misses, and it moved into labelled/ without
// the three messages that are also phrases (680 left). The floors are the
// fold's figures after that work, rounded down: 97.3 % (662/680), 99.0 %
// (108/109), 96.4 % (108/112). They overstate what a new blind set will
// show, since the cues were written looking at these misses. Training on
// stakes1 (helper stakes11) then flagged one ordinary message more
// (it-017, a confirmed deposit with a zero balance read as a takeover):
// the precision floor was 95.5 % (108/113). Leaning to a person (lean.go,
// helper stakes12) flagged one more, vi-005 (a plea for a person because
// the bot only sends links): 94.7 % (108/114). Handing on whenever the
// stakes reader is unsure (stakes.go's unsureAt, helper stakes14) costs
// precision by design; with heldout3, heldout4 and dev14 in training the
// fold reads 98.5 % (670/680), 100 % (109/109), 76.8 % (109/142); with
// dev14b too (helper intdata14b: high stakes in many wordings) 98.2 %
// (668/680), 100 %, 75.2 % (109/145). With heldout5 and dev15 in
// training (helper stakes15; dev15 is a third high stakes told quietly,
// which the reader learns to lean on), 98.4 % (669/680), 100 %, 74.1 %
// (109/147), the floors now.
func TestIntentHeldOut2(t *testing.T) {
	checkFloors(t, foldEvaluation(t, "heldout2"), 0.982, 1.0, 0.741)
}

// TestIntentHeldOut3 measures the third blind set (labelled/heldout3.jsonl,
// ../testdata/heldout/README_heldout3.md, written by helper blind11) on
// its leave-one-set-out fold. Until helper stakes14 it was measured on the
// shipped analyser, which it did not train.
//
// Measured once blind by the lead on 2026-12-06, after stakes11's scam
// cues: intent accuracy 91.4 % (637/697), high-stakes recall 79.1 %
// (148/187), hand-off precision 94.3 % (148/157). Targets 95 % and 100 %:
// not met. 24 of the 39 missed high-stakes messages were read as
// phishing reports without the stakes (an impostor who got a code and
// money now missing, drainer approvals, "investment" groups asking a fee);
// the set is development data from now on.
//
// Tuned on since: helper stakes12 read its misses and made the hand-off
// lean to a person structurally (lean.go: a scam or takeover report with
// any sign of harm, an urgent plea for a person with money at stake, a
// takeover told after a routine question). Measured after that: accuracy
// 91.4 % (637/697), recall 91.4 % (171/187), precision 95.0 % (171/180);
// stakes13's harm rules brought recall to 93.6 % (175/187).
//
// stakes14 moved it into labelled/ (without four messages that are also
// phrases: 693 left), where it trains both models for every other fold.
// Its fold, with heldout4 and dev14 in training and the reader handing on
// from 0.25: 94.7 % (656/693), 98.4 % (184/187), 92.9 % (184/198); the
// floors are those figures rounded down. They overstate what a fresh
// blind set will show: rules and phrases were written from its misses.
func TestIntentHeldOut3(t *testing.T) {
	if raceLight() {
		t.Log("under -race this fold is not trained; scripts/test.sh runs this test without -race")
		return
	}
	// With dev14b in training too: 95.7 % (663/693), 99.5 % (186/187),
	// 91.2 % (186/204).
	checkFloors(t, foldEvaluation(t, "heldout3"), 0.956, 0.994, 0.911)
}

// TestIntentHeldOut4 measures the fourth blind set (labelled/heldout4.jsonl,
// ../testdata/heldout/README_heldout4.md, written by helper blind13: 521
// messages, 240 high stakes) on its leave-one-set-out fold.
//
// Measured once blind by the lead on 2026-12-06, after stakes12's
// hand-off leaning: intent accuracy 89.3 % (465/521), high-stakes recall
// 80.4 % (193/240), hand-off precision 98.0 % (193/197). Targets 95 % and
// 100 %: not met. Missed: an API key the customer never made trading or
// withdrawing (read as api_keys, 15), "a person NOW, money is leaving"
// (12), a large withdrawal for an operation or payroll (6), extortion
// with the customer's KYC photos (5), despair after a liquidation (3).
// Development data from then on, and tuned on: stakes13 wrote the rules
// of harm.go (despair, keys or withdrawals the customer did not make, a
// plea for a person while money leaves, extortion with the customer's
// documents, late money for an operation or rent) from its misses, which
// brought it to accuracy 90.0 % (469/521), recall 97.5 % (234/240),
// precision 98.3 % (234/238) on the shipped analyser.
//
// stakes14 moved it into labelled/. Its fold (trained without it, with
// heldout3 and dev14): 95.4 % (497/521), 100 % (240/240), 98.8 %
// (240/243); the floors are those figures rounded down. Being tuned on,
// they no longer say how the analyser does on new text.
func TestIntentHeldOut4(t *testing.T) {
	if raceLight() {
		t.Log("under -race this fold is not trained; scripts/test.sh runs this test without -race")
		return
	}
	// With dev14b in training too: 95.0 % (495/521), 100 %, 97.6 %
	// (240/246). With heldout5 and dev15 too (stakes15), the reader
	// hands on three ordinary messages more: 95.6 % (498/521), 100 %,
	// 96.4 % (240/249).
	checkFloors(t, foldEvaluation(t, "heldout4"), 0.950, 1.0, 0.963)
}

// checkFloors logs an evaluation and fails under its floors for intent
// accuracy, high-stakes recall and hand-off precision; -v lists misses.
func checkFloors(t *testing.T, ev evaluation, minAccuracy, minRecall, minPrecision float64) {
	t.Helper()
	t.Log(ev.report())
	if ev.overall.rate() < minAccuracy {
		t.Errorf("intent accuracy %.3f < %.3f", ev.overall.rate(), minAccuracy)
	}
	if ev.stakesRecall.rate() < minRecall {
		t.Errorf("high-stakes recall %.3f < %.3f", ev.stakesRecall.rate(), minRecall)
	}
	if ev.handoffPrecision.rate() < minPrecision {
		t.Errorf("handoff precision %.3f < %.3f", ev.handoffPrecision.rate(), minPrecision)
	}
	if testing.Verbose() {
		for _, m := range ev.misses {
			t.Log(m)
		}
	}
}

// measureShipped evaluates the shipped analyser (the phrases and every
// labelled set train it) on a set kept out of its training, against
// floors for intent accuracy, high-stakes recall and hand-off precision.
// The next blind set (intents_heldout6.jsonl) is measured with it.
func measureShipped(t *testing.T, path string, minAccuracy, minRecall, minPrecision float64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	msgs, err := parseLabelled(f)
	if err != nil {
		t.Fatal(err)
	}
	checkFloors(t, evaluate(New(testRegistry()), msgs), minAccuracy, minRecall, minPrecision)
}

// TestIntentHeldOut5 measures the fifth blind set (labelled/heldout5.jsonl,
// ../testdata/heldout/README_heldout5.md, written by helper blind14: 731
// messages, 256 high stakes) on its leave-one-set-out fold.
//
// Measured once blind by the lead on 2026-12-06, after stakes14 (the
// reader hands on from 0.25; heldout3, heldout4, dev14 in training) and
// dev14b: intent accuracy 93.6 % (684/731), high-stakes recall 98.4 %
// (252/256), hand-off precision 88.7 % (252/284). Targets 95 % and 100 %:
// not met, but the best blind figures so far (the last two sets read
// 89-91 % and 79-80 %). The four missed: "lost 60k, my house deposit, I'm
// not ok" after a liquidation; a bank account frozen after a P2P sale
// (it, id); a travel-rule return not credited, money for tomorrow's rent
// deposit (ko). Confusions: fees, withdrawal_delayed vs _suspended,
// talk_to_human.
//
// Development data from then on: helper stakes15 moved it into labelled/
// (no message is also a phrase) and read its misses for rules that are
// not about one message: a sum's decimals split in two ("0.0005 BTC" read
// as 5 BTC), a stablecoin's ticker before its figure ("USDT 15,000개"),
// a customer saying in few words that they are not well, a P2P sale
// after which the bank froze the customer's account or the police came,
// a plea for a person about what the customer disowns. Its fold with
// those rules: 94.0 % (687/731), 100 % (256/256), 90.1 % (256/284).
// With dev15 (helper intdata15) in training and the rules read from it:
// 94.5 % (691/731), 100 %, 86.8 % (256/295), the floors rounded down;
// tuned on, so optimistic.
func TestIntentHeldOut5(t *testing.T) {
	if raceLight() {
		t.Log("under -race this fold is not trained; scripts/test.sh runs this test without -race")
		return
	}
	checkFloors(t, foldEvaluation(t, "heldout5"), 0.945, 1.0, 0.867)
}

// TestIntentHeldOut6 measures the sixth blind set
// (../testdata/heldout/intents_heldout6.jsonl, README_heldout6.md, written
// by helper blind15 from the README and the issue alone: 731 messages, 258
// high stakes) on the analyser as shipped.
//
// Measured once blind by the lead on 2026-12-06, after stakes15 (heldout5
// and dev15 in training; quiet distress, money needed now, P2P bank
// freezes, callbacks): intent accuracy 95.5 % (698/731), high-stakes
// recall 100 % (258/258), hand-off precision 85.7 % (258/301). Targets
// 95 % and 100 %: both met, for the first time (the sets before read
// 91.4 / 89.3 / 93.6 % and 79.1 / 80.4 / 98.4 %; leave-one-set-out over
// twelve folds reads 93.4 % and 99.6 %, so the margin is thin).
// Development data from now on; the floors are those figures rounded down.
func TestIntentHeldOut6(t *testing.T) {
	measureShipped(t, "../testdata/heldout/intents_heldout6.jsonl", 0.954, 1.0, 0.857)
}

// TestIntentDev15b reads dev15b (../testdata/heldout/intents_dev15b.jsonl,
// README_dev15b.md: 904 by helper intdata15b, each language from its own
// list of local situations), not in training yet: read once as unseen text
// after stakes15, accuracy 90.0 % (814/904), high-stakes recall 99.7 %
// (294/295), hand-off precision 74.2 % (294/396).
func TestIntentDev15b(t *testing.T) {
	measureShipped(t, "../testdata/heldout/intents_dev15b.jsonl", 0.9, 0.996, 0.742)
}
