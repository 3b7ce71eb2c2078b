package guard

import "testing"

// fullState is a customer's rolling state as the intake sees it after a
// few ordinary messages: as many list words as it keeps (maxItems).
func fullState(b *testing.B, d *Detector) []byte {
	var c Conversation
	for i := 0; c.Words() < maxItems; i++ {
		if i > 50 {
			b.Fatalf("the state holds %d words after %d messages", c.Words(), i)
		}
		d.ScanNext(&c, typicalMessages()[0])
		c.Bind(int64(i + 1))
	}
	return c.Encode()
}

// BenchmarkScanNextFull is one customer message as ticketguard screens it
// with a full state: decode the state, scan, encode it again.
func BenchmarkScanNextFull(b *testing.B) {
	d := NewDetector()
	state := fullState(b, d)
	msgs := typicalMessages()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := DecodeConversation(state)
		c.Bind(100)
		d.ScanNext(&c, msgs[i%len(msgs)])
		c.Encode()
	}
}

// BenchmarkScanNextNewTicket is a returning customer's new ticket: its
// subject scanned alone (the intake screens it before it reads the state),
// then with the full state, then its first message after it.
func BenchmarkScanNextNewTicket(b *testing.B) {
	d := NewDetector()
	state := fullState(b, d)
	msgs := typicalMessages()
	const subject = "Deposit not credited to my account"
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d.ScanNext(&Conversation{}, subject)
		c := DecodeConversation(state)
		c.Bind(100)
		d.ScanNext(&c, subject)
		c = DecodeConversation(c.Encode())
		c.Bind(-7)
		d.ScanNext(&c, msgs[i%len(msgs)])
		c.Encode()
	}
}
