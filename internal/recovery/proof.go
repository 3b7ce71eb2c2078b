package recovery

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/btcsuite/btcd/address/v2"
	"github.com/btcsuite/btcd/address/v2/base58"
	"github.com/btcsuite/btcd/address/v2/bech32"
	"github.com/btcsuite/btcd/btcec/v2/ecdsa"
	"golang.org/x/crypto/sha3"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/store"
)

// BitcoinParams is what message verification needs of a Bitcoin-family
// network: its signed-message prefix and its address encodings.
type BitcoinParams struct {
	Magic      string // "Bitcoin Signed Message:\n"
	PubKeyHash byte   // P2PKH version byte
	ScriptHash byte   // P2SH version byte
	SegwitHRP  string // "" where the chain has no segwit
}

// BitcoinFamily lists the networks whose signmessage Groundcrew verifies.
var BitcoinFamily = map[string]BitcoinParams{
	"bitcoin":  {"Bitcoin Signed Message:\n", 0x00, 0x05, "bc"},
	"litecoin": {"Litecoin Signed Message:\n", 0x30, 0x32, "ltc"},
	"dogecoin": {"Dogecoin Signed Message:\n", 0x1e, 0x16, ""},
}

func signable(network string) bool {
	_, btc := BitcoinFamily[network]
	return btc || exchange.IsEVM(network)
}

// Challenge is the message the customer signs with the sending address's
// key for appeal a. It names the appeal, so a signature proves nothing
// for any other.
func Challenge(a Appeal) string {
	return fmt.Sprintf("Groundcrew deposit recovery, appeal %d: I own %s and sent transaction %s on %s.", a.ID, a.From, a.TxID, a.Network)
}

// varint is Bitcoin's CompactSize, as signmessage frames the prefix and message.
func varint(n int) []byte {
	switch {
	case n < 0xfd:
		return []byte{byte(n)}
	case n <= 0xffff:
		return []byte{0xfd, byte(n), byte(n >> 8)}
	default:
		return []byte{0xfe, byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)}
	}
}

func bitcoinMessageHash(magic, message string) []byte {
	var b bytes.Buffer
	b.Write(varint(len(magic)))
	b.WriteString(magic)
	b.Write(varint(len(message)))
	b.WriteString(message)
	first := sha256.Sum256(b.Bytes())
	second := sha256.Sum256(first[:])
	return second[:]
}

// VerifyBitcoinMessage checks a signmessage signature (base64, 65 bytes,
// with BIP 137's header for P2PKH, P2SH-P2WPKH and P2WPKH addresses) over
// message for addr. A signature by another key is Invalid.
func VerifyBitcoinMessage(p BitcoinParams, addr, message, signature string) error {
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(signature))
	if err != nil || len(sig) != 65 {
		return explain("signature_format", errs.Field("signature", "the signature must be the 65-byte base64 text that signmessage prints"))
	}
	header := sig[0]
	kind := "p2pkh"
	switch {
	case header >= 27 && header <= 34:
	case header >= 35 && header <= 38:
		kind, sig[0] = "p2sh-p2wpkh", header-4
	case header >= 39 && header <= 42:
		kind, sig[0] = "p2wpkh", header-8
	default:
		return errs.Field("signature", "the signature's header byte %d is not a message signature's", header)
	}
	pub, compressed, err := ecdsa.RecoverCompact(sig, bitcoinMessageHash(p.Magic, message))
	if err != nil {
		return errs.Field("signature", "the signature does not verify: %v", err)
	}
	var serialized []byte
	if compressed {
		serialized = pub.SerializeCompressed()
	} else {
		serialized = pub.SerializeUncompressed()
	}
	hash := address.Hash160(serialized)
	var derived []string
	switch kind {
	case "p2pkh":
		derived = append(derived, base58.CheckEncode(hash, p.PubKeyHash))
		if compressed && p.SegwitHRP != "" {
			// Electrum and others sign for segwit addresses with the plain
			// compressed header; accept the key's segwit forms too.
			derived = append(derived, segwitAddr(p.SegwitHRP, hash), base58.CheckEncode(address.Hash160(p2shP2wpkhScript(hash)), p.ScriptHash))
		}
	case "p2sh-p2wpkh":
		derived = append(derived, base58.CheckEncode(address.Hash160(p2shP2wpkhScript(hash)), p.ScriptHash))
	case "p2wpkh":
		if p.SegwitHRP != "" {
			derived = append(derived, segwitAddr(p.SegwitHRP, hash))
		}
	}
	for _, d := range derived {
		if d != "" && (d == addr || strings.HasPrefix(d, p.SegwitHRP+"1") && p.SegwitHRP != "" && strings.EqualFold(d, addr)) {
			return nil
		}
	}
	return explain("signature_other_address", errs.Field("signature", "the signature was made by another address's key, not %s's", clip(addr)))
}

func p2shP2wpkhScript(hash []byte) []byte { return append([]byte{0x00, 0x14}, hash...) }

func segwitAddr(hrp string, program []byte) string {
	conv, err := bech32.ConvertBits(program, 8, 5, true)
	if err != nil {
		return ""
	}
	s, err := bech32.Encode(hrp, append([]byte{0}, conv...))
	if err != nil {
		return ""
	}
	return s
}

func keccak(b ...[]byte) []byte {
	h := sha3.NewLegacyKeccak256()
	for _, x := range b {
		h.Write(x)
	}
	return h.Sum(nil)
}

// VerifyEthereumMessage checks a personal_sign (eth_sign) signature: 65
// bytes r||s||v in hex, v 27/28 or 0/1, over EIP-191's
// "\x19Ethereum Signed Message:\n" + len + message, for addr.
func VerifyEthereumMessage(addr, message, signature string) error {
	raw, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(signature), "0x"))
	if err != nil || len(raw) != 65 {
		return explain("signature_format", errs.Field("signature", "the signature must be the 65-byte hex text (0x…) that personal_sign returns"))
	}
	v := raw[64]
	if v >= 27 {
		v -= 27
	}
	if v > 1 {
		return errs.Field("signature", "the signature's recovery byte %d is not 0, 1, 27 or 28", raw[64])
	}
	compact := append([]byte{27 + v}, raw[:64]...)
	hash := keccak([]byte(fmt.Sprintf("\x19Ethereum Signed Message:\n%d%s", len(message), message)))
	pub, _, err := ecdsa.RecoverCompact(compact, hash)
	if err != nil {
		return errs.Field("signature", "the signature does not verify: %v", err)
	}
	got := "0x" + hex.EncodeToString(keccak(pub.SerializeUncompressed()[1:])[12:])
	if !strings.EqualFold(got, strings.TrimSpace(addr)) {
		return explain("signature_other_address", errs.Field("signature", "the signature was made by another address's key (%s), not %s's", got, clip(addr)))
	}
	return nil
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// VerifyOwnership checks a signature over Challenge(a) by a's sending
// address on a's network.
func VerifyOwnership(a Appeal, signature string) error {
	msg := Challenge(a)
	if p, ok := BitcoinFamily[a.Network]; ok {
		return VerifyBitcoinMessage(p, a.From, msg, signature)
	}
	if exchange.IsEVM(a.Network) {
		return VerifyEthereumMessage(a.From, msg, signature)
	}
	return explain("signature_unsupported", errs.E(errs.Invalid, "signatures on %s cannot be verified here; upload the sending platform's statement instead", a.Network))
}

// SubmitProof verifies the customer's signature of the challenge and
// records the proof; a bad signature is refused, audited, and changes
// nothing.
func (s *Service) SubmitProof(ctx context.Context, userID string, id int64, signature string) (Appeal, error) {
	a, err := s.ForCustomer(ctx, userID, id)
	if err != nil {
		return Appeal{}, err
	}
	if !a.Status.Open() {
		return Appeal{}, explain("appeal_closed", errs.E(errs.Conflict, "this appeal is closed"))
	}
	if len(signature) > 400 {
		return Appeal{}, errs.Field("signature", "the signature is longer than any signature")
	}
	if err := VerifyOwnership(a, signature); err != nil {
		return Appeal{}, s.refuse(ctx, id, "bad_signature", err)
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE recovery_appeals SET proof_address = ?, proof_at = ? WHERE id = ?`, a.From, tx.Now(), id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO recovery_evidence (appeal_id, kind, note, at) VALUES (?, ?, ?, ?)`, id, NeedSignature, "signed by "+a.From, tx.Now()); err != nil {
			return err
		}
		if err := addStep(ctx, tx, id, a.Status, "customer:"+userID, "ownership of "+a.From+" proved by signature"); err != nil {
			return err
		}
		return s.audit.Record(ctx, "recovery.proof_verified", "recovery_appeal", fmt.Sprint(id), map[string]any{"address": a.From})
	})
	if err != nil {
		return Appeal{}, fmt.Errorf("recovery proof %d: %w", id, err)
	}
	return s.Get(ctx, id)
}
