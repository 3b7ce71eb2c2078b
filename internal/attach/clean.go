// Package attach keeps the files customers and agents attach to tickets:
// screenshots and PDFs. A file's type is sniffed from its bytes, never taken
// from its name or the uploader's Content-Type; images are decoded and
// encoded again, which drops EXIF (GPS position, device serials) and
// anything smuggled after the pixels; nothing is ever served inline.
package attach

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
)

const (
	// MaxSize bounds one file as uploaded.
	MaxSize = 10 << 20
	// MaxPixels bounds an image's width × height before it is decoded, so a
	// small file that claims to be 60,000 × 60,000 cannot take gigabytes.
	MaxPixels = 40_000_000
	// maxName bounds a stored file name, in characters.
	maxName = 120
)

// The types a file may have after sniffing. GIFs are stored as PNG (their
// first frame): an animation is not evidence, and one encoder less.
const (
	TypePNG  = "image/png"
	TypeJPEG = "image/jpeg"
	TypePDF  = "application/pdf"
)

// Cleaned is a file ready to store.
type Cleaned struct {
	Data        []byte
	ContentType string
	Name        string
	Width       int // images only
	Height      int
}

// Clean checks and normalises an uploaded file. It refuses what is not a
// PNG, JPEG, GIF or PDF by its bytes, what is empty or too large, and images
// too big to decode; it re-encodes images. The error says which, for the
// uploader.
func Clean(name string, data []byte) (Cleaned, error) {
	if len(data) == 0 {
		return Cleaned{}, fileErr(errs.Invalid, "the file is empty", ReasonEmpty)
	}
	if len(data) > MaxSize {
		return Cleaned{}, fileErr(errs.TooLarge, "the file is larger than %d MB", ReasonSize, MaxSize>>20)
	}
	sniffed := http.DetectContentType(data)
	switch sniffed {
	case TypePNG, TypeJPEG, "image/gif":
		c, err := reencode(data)
		if err != nil {
			return Cleaned{}, err
		}
		c.Name = cleanName(name, c.ContentType)
		return c, nil
	case TypePDF:
		if err := checkPDF(data); err != nil {
			return Cleaned{}, err
		}
		return Cleaned{Data: data, ContentType: TypePDF, Name: cleanName(name, TypePDF)}, nil
	default:
		return Cleaned{}, fileErr(errs.Invalid, "only screenshots (PNG, JPEG, GIF) and PDF documents can be attached; this file is %s", ReasonType, describe(sniffed))
	}
}

// describe names a sniffed type for a person.
func describe(sniffed string) string {
	mt, _, _ := strings.Cut(sniffed, ";")
	switch {
	case strings.HasPrefix(mt, "text/html"), strings.HasPrefix(mt, "text/xml"):
		return "HTML or XML (SVG included), which is not accepted"
	case strings.HasPrefix(mt, "text/"):
		return "plain text"
	case mt == "application/octet-stream":
		return "of an unknown type"
	}
	return mt
}

// reencode decodes an image and encodes its pixels again: PNG stays PNG,
// JPEG stays JPEG, GIF becomes PNG. Nothing but pixels survives.
func reencode(data []byte) (Cleaned, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Cleaned{}, fileErr(errs.Invalid, "the image cannot be read: %v", ReasonUnreadable, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPixels {
		return Cleaned{}, fileErr(errs.TooLarge, "the image is %d × %d pixels; at most %d million pixels are accepted", ReasonPixels, cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return Cleaned{}, fileErr(errs.Invalid, "the image cannot be read: %v", ReasonUnreadable, err)
	}
	var out bytes.Buffer
	ct := TypePNG
	if format == "jpeg" {
		ct = TypeJPEG
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: 90})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&out, img)
	}
	if err != nil {
		return Cleaned{}, fmt.Errorf("re-encode %s: %w", format, err)
	}
	b := img.Bounds()
	return Cleaned{Data: out.Bytes(), ContentType: ct, Width: b.Dx(), Height: b.Dy()}, nil
}

// The decoders image.Decode may use; registered by importing them.
var _ = gif.Decode

// checkPDF refuses a file that merely starts like a PDF: it must carry the
// end-of-file marker too. PDFs are not rewritten; they are only ever served
// as downloads, with a sandboxing policy, so a PDF that is also HTML never
// runs in Groundcrew's origin.
func checkPDF(data []byte) error {
	tail := data[max(0, len(data)-1024):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return fileErr(errs.Invalid, "the PDF is incomplete (no end-of-file marker)", ReasonUnreadable)
	}
	return nil
}

// extFor is the extension a stored file gets for its sniffed type.
var extFor = map[string]string{TypePNG: ".png", TypeJPEG: ".jpg", TypePDF: ".pdf"}

// cleanName keeps a file name a person will recognise, without a path,
// control or format characters, or an extension that disagrees with what
// the file is.
func cleanName(name, contentType string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "")
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '"' || r == '/' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(strings.Trim(name, "."))
	base := strings.TrimSuffix(name, path.Ext(name))
	if base == "" || name == "." {
		base = "attachment"
	}
	if r := []rune(base); len(r) > maxName {
		base = string(r[:maxName])
	}
	return base + extFor[contentType]
}

// Reason says in a word why a file was refused, so that a client can say
// it in the uploader's language (the chat widget does).
type Reason string

const (
	ReasonEmpty      Reason = "empty"
	ReasonSize       Reason = "too_large"  // over MaxSize
	ReasonPixels     Reason = "pixels"     // an image over MaxPixels
	ReasonType       Reason = "type"       // not a PNG, JPEG, GIF or PDF
	ReasonUnreadable Reason = "unreadable" // a broken image or PDF
)

func (r Reason) Error() string { return "attachment refused: " + string(r) }

// ReasonOf is why err refused a file; "" when err is not about the file.
func ReasonOf(err error) Reason {
	var r Reason
	if errors.As(err, &r) {
		return r
	}
	return ""
}

// fileErr is an error about the uploaded file, safe to show the uploader.
func fileErr(kind errs.Kind, format string, why Reason, args ...any) error {
	return &errs.Error{Kind: kind, Field: "file", Msg: fmt.Sprintf(format, args...), Err: why}
}
