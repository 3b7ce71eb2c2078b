package guard

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// TestVerifySentencesInEveryLanguage: every verdict sentence, piece of
// advice and channel kind is in each of the 17 languages with exactly
// the English sentence's placeholders, and is not left in English.
func TestVerifySentencesInEveryLanguage(t *testing.T) {
	var keys []string
	for k := range verifyPageWords["en"] {
		if strings.HasPrefix(k, "v_") {
			keys = append(keys, k)
		}
	}
	if len(keys) < 25 {
		t.Fatalf("only %d verification sentences in English", len(keys))
	}
	for lang, words := range verifyPageWords {
		for _, k := range keys {
			s, en := words[k], verifyPageWords["en"][k]
			want, got := placeholder.FindAllString(en, -1), placeholder.FindAllString(s, -1)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: placeholders %v, English has %v", lang, k, got, want)
			}
			if lang != "en" && s == en && k != "v_really" {
				t.Errorf("%s %s is the English %q", lang, k, en)
			}
		}
	}
	for _, k := range ChannelKinds {
		if verifyPageWords["en"][kindKey(k)] == "" {
			t.Errorf("channel kind %s has no name", k)
		}
	}
}

// TestVerifyInLanguages: the verdict, its detail and the advice come in
// the asked language with the handles, names and addresses intact; an
// unknown language gets English.
func TestVerifyInLanguages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		o := NewOfficial(db, &fakeAuditor{}, fakeAgents{"GC-7K3M-9XQ2": {ID: 7, FirstName: "Priya", Team: "Deposits EN"}}, "")
		for _, c := range []NewChannel{
			{Kind: ChannelTelegram, Value: "@GroundcrewExchangeSupport", Label: "Telegram support"},
			{Kind: ChannelXHandle, Value: "@GroundcrewHelp"},
			{Kind: ChannelEmail, Value: "security@groundcrew.example"},
			{Kind: ChannelURLDomain, Value: "groundcrew.example"},
		} {
			if _, err := o.AddChannel(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		cases := []struct {
			lang, in, message, detail, report string
		}{
			{"ar", "@GroundcrewExchangeSuppport",
				"ليس نحن: \u2068@GroundcrewExchangeSuppport\u2069 يشبه قناتنا \u2068@GroundcrewExchangeSupport\u2069 لكنه ليس تابعًا لنا.", "",
				"أبلغنا عنه مع لقطة شاشة، ثم احظره."},
			{"ar", "@GroundcrewExchangeSupport", "نعم، \u2068@GroundcrewExchangeSupport\u2069 تابع لنا: \u2068Telegram support\u2069.", "", ""},
			{"th", "@GroundcrewExchangeSuppport",
				"@GroundcrewExchangeSuppport ดูคล้าย @GroundcrewExchangeSupport ของเรา แต่ไม่ใช่เรา", "",
				"แจ้งเราพร้อมภาพหน้าจอ แล้วบล็อกทันที"},
			{"th", "GC-7K3M-9XQ2", "GC-7K3M-9XQ2 เป็นรหัสของ Priya เจ้าหน้าที่ตัวจริงในทีม Deposits EN ของเรา", "แชทและอีเมลทางการเท่านั้น", ""},
			{"ru", "t.me/GroundcrewHelp",
				"@GroundcrewHelp в Telegram — это НЕ мы: наш официальный канал — @GroundcrewHelp (аккаунт X (Twitter)).", "", "снимок экрана"},
			{"de", "@GroundcrewVIPDesk", "@GroundcrewVIPDesk ähnelt unserem Kanal @GroundcrewExchangeSupport, ist aber NICHT von uns.",
				"Er verwendet unseren Namen, ist aber keines unserer Konten. Unser offizieller Kanal ist @GroundcrewExchangeSupport (Telegram-Konto).", "Screenshot"},
			{"ja", "https://xn--grundcrew-12h.example/login", "grоundcrew.example（実際は xn--grundcrew-12h.example） は当社の groundcrew.example に似ていますが、当社ではありません。",
				"名前は実際には xn--grundcrew-12h.example です", "スクリーンショット"},
			{"ko", "+44 20 7946 0958", "+442079460958 — 저희가 아닙니다. 저희 공식 채널 목록에 없는 전화번호입니다.", "", "차단하세요"},
			{"xx", "GC-AAAA-BBBB", "GC-AAAA-BBBB is NOT the code of any of our agents: whoever gave it to you is NOT us.", "", "Report it to us"},
			{"en", "+44 20 7946 0958", "+442079460958 is NOT us: our official channels have no such phone number.", "", "Report it to us"},
		}
		for _, c := range cases {
			v, err := o.VerifyIn(ctx, c.in, c.lang)
			if err != nil {
				t.Fatalf("%s %q: %v", c.lang, c.in, err)
			}
			if v.Message != c.message {
				t.Errorf("%s %q: message %q, want %q", c.lang, c.in, v.Message, c.message)
			}
			if !strings.Contains(v.Detail, c.detail) || c.detail == "" && v.Detail != "" {
				t.Errorf("%s %q: detail %q, want it to hold %q", c.lang, c.in, v.Detail, c.detail)
			}
			if (v.Report != nil) != (c.report != "") || v.Report != nil && !strings.Contains(v.Report.Text, c.report) {
				t.Errorf("%s %q: report %+v, want it to hold %q", c.lang, c.in, v.Report, c.report)
			}
		}
	})
}

func TestAcceptedVerifyLanguage(t *testing.T) {
	for header, want := range map[string]string{
		"":                         "en",
		"ar-EG,ar;q=0.9,en;q=0.8":  "ar",
		"xx,th-TH;q=0.5":           "th",
		"pt-BR":                    "pt",
		"tlh, x-klingon":           "en",
		"zh-Hant-TW;q=0.9,en;q=.1": "zh",
	} {
		if got := acceptedVerifyLanguage(header); got != want {
			t.Errorf("Accept-Language %q: %q, want %q", header, got, want)
		}
	}
}

// TestHandleVerifyLanguage: POST /api/v1/verify answers in its "lang",
// else the Accept-Language; an unknown "lang" is refused and not checked.
func TestHandleVerifyLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		au := &fakeAuditor{}
		o := NewOfficial(db, au, fakeAgents{}, "")
		post := func(body, acceptLanguage string) (Verification, error) {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/verify", strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Accept-Language", acceptLanguage)
			w := httptest.NewRecorder()
			var v Verification
			if err := o.HandleVerify(w, r); err != nil {
				return v, err
			}
			return v, json.Unmarshal(w.Body.Bytes(), &v)
		}
		cases := []struct{ body, acceptLanguage, message string }{
			{`{"value": "GC-AAAA-BBBB", "lang": "uk"}`, "th", "GC-AAAA-BBBB НЕ є кодом жодного з наших агентів: той, хто дав вам його, — НЕ ми."},
			{`{"value": "GC-AAAA-BBBB"}`, "th-TH,en;q=0.5", "GC-AAAA-BBBB ไม่ใช่รหัสของเจ้าหน้าที่คนใดของเรา ผู้ที่ให้รหัสนี้กับคุณไม่ใช่เรา"},
			{`{"value": "GC-AAAA-BBBB"}`, "", "GC-AAAA-BBBB is NOT the code of any of our agents: whoever gave it to you is NOT us."},
		}
		for _, c := range cases {
			v, err := post(c.body, c.acceptLanguage)
			if err != nil || v.Message != c.message {
				t.Errorf("%s (%s): %q, %v; want %q", c.body, c.acceptLanguage, v.Message, err, c.message)
			}
		}
		before := len(au.records)
		if _, err := post(`{"value": "GC-AAAA-BBBB", "lang": "klingon"}`, ""); !errs.Is(err, errs.Invalid) {
			t.Errorf("an unknown lang: %v, want invalid", err)
		}
		if len(au.records) != before {
			t.Errorf("a refused request was checked and audited")
		}
	})
}

// FuzzAcceptedVerifyLanguage: whatever the header, the answer is one of
// the languages the verification speaks.
func FuzzAcceptedVerifyLanguage(f *testing.F) {
	for _, s := range []string{"", "ar-EG,ar;q=0.9", "*", ";;,,", "zh-Hant-TW", "\xff-\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		if got := acceptedVerifyLanguage(header); !slices.Contains(verifyLanguages, got) {
			t.Fatalf("%q gives %q", header, got)
		}
	})
}
