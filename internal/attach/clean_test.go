package attach

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// testImage is a small picture with some detail, so encoders keep it.
func testImage() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 6), uint8(y * 8), 90, 255})
		}
	}
	return img
}

func pngBytes(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, testImage()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// gpsMarker stands for the GPS position a phone writes into a photo.
const gpsMarker = "GPSLatitude=52.5200N;GPSLongitude=13.4050E;SerialNumber=F2LXK9"

// withExif puts an APP1 Exif segment right after a JPEG's SOI marker, as a
// phone camera does.
func withExif(t testing.TB, jpg []byte) []byte {
	payload := append([]byte("Exif\x00\x00"), gpsMarker...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// withPNGChunk inserts an ancillary chunk (eXIf or tEXt) after IHDR.
func withPNGChunk(t testing.TB, p []byte, typ, data string) []byte {
	const ihdrEnd = 8 + 8 + 13 + 4 // signature, IHDR length+type, data, CRC
	chunk := make([]byte, 4, 12+len(data))
	binary.BigEndian.PutUint32(chunk, uint32(len(data)))
	chunk = append(chunk, typ...)
	chunk = append(chunk, data...)
	crc := crc32.ChecksumIEEE(append([]byte(typ), data...))
	chunk = binary.BigEndian.AppendUint32(chunk, crc)
	out := append([]byte{}, p[:ihdrEnd]...)
	out = append(out, chunk...)
	return append(out, p[ihdrEnd:]...)
}

func gifBytes(t testing.TB) []byte {
	pal := image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Black, color.White})
	pal.SetColorIndex(3, 3, 1)
	var b bytes.Buffer
	if err := gif.Encode(&b, pal, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const minimalPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

func TestCleanAccepts(t *testing.T) {
	cases := []struct {
		name, file string
		data       []byte
		wantType   string
		wantName   string
	}{
		{"png", "shot.png", pngBytes(t), TypePNG, "shot.png"},
		{"jpeg named .png", "photo.png", jpegBytes(t), TypeJPEG, "photo.jpg"},
		{"gif becomes png", "anim.gif", gifBytes(t), TypePNG, "anim.png"},
		{"pdf", "statement.pdf", []byte(minimalPDF), TypePDF, "statement.pdf"},
		{"path in name", `C:\Users\ana\..\Desktop\tx.png`, pngBytes(t), TypePNG, "tx.png"},
		{"html name of an image", "<img src=x onerror=alert(1)>.html", pngBytes(t), TypePNG, "<img src=x onerror=alert(1)>.png"},
		{"control chars and RTL override", "inv\u202eoice\x00.pdf", []byte(minimalPDF), TypePDF, "invoice.pdf"},
		{"no name", "", pngBytes(t), TypePNG, "attachment.png"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Clean(c.file, c.data)
			if err != nil {
				t.Fatal(err)
			}
			if got.ContentType != c.wantType || got.Name != c.wantName {
				t.Fatalf("Clean = %s %q, want %s %q", got.ContentType, got.Name, c.wantType, c.wantName)
			}
			if c.wantType != TypePDF {
				if _, _, err := image.Decode(bytes.NewReader(got.Data)); err != nil {
					t.Fatalf("cleaned image does not decode: %v", err)
				}
				if got.Width == 0 || got.Height == 0 {
					t.Fatalf("no dimensions: %+v", got)
				}
			}
		})
	}
}

func TestCleanDropsMetadataAndTrailers(t *testing.T) {
	script := "<script>alert(document.cookie)</script>"
	cases := []struct {
		name string
		data []byte
	}{
		{"jpeg with exif GPS", withExif(t, jpegBytes(t))},
		{"png with eXIf chunk", withPNGChunk(t, pngBytes(t), "eXIf", gpsMarker)},
		{"png with tEXt chunk", withPNGChunk(t, pngBytes(t), "tEXt", "Comment\x00"+gpsMarker)},
		{"png with html after IEND", append(pngBytes(t), []byte(script)...)},
		{"gif with script after the trailer", append(gifBytes(t), []byte(script)...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !bytes.Contains(c.data, []byte("GPS")) && !bytes.Contains(c.data, []byte("<script>")) {
				t.Fatal("test input lacks the marker it means to check")
			}
			got, err := Clean("x.png", c.data)
			if err != nil {
				t.Fatal(err)
			}
			for _, marker := range []string{"GPS", "Exif", "<script>", "SerialNumber"} {
				if bytes.Contains(got.Data, []byte(marker)) {
					t.Errorf("cleaned file still contains %q", marker)
				}
			}
		})
	}
}

func TestCleanRefuses(t *testing.T) {
	hugePNG := func() []byte {
		// A valid header claiming 50,000 × 50,000 pixels: refused before
		// any pixel is decoded.
		p := pngBytes(t)
		binary.BigEndian.PutUint32(p[16:], 50_000)
		binary.BigEndian.PutUint32(p[20:], 50_000)
		binary.BigEndian.PutUint32(p[29:], crc32.ChecksumIEEE(p[12:29]))
		return p
	}
	cases := []struct {
		name string
		data []byte
		kind errs.Kind
		says string
	}{
		{"empty", nil, errs.Invalid, "empty"},
		{"too large", make([]byte, MaxSize+1), errs.TooLarge, "larger"},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>`), errs.Invalid, "SVG"},
		{"html", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), errs.Invalid, "HTML"},
		{"html named png", []byte("<html><body onload=alert(1)>"), errs.Invalid, "HTML"},
		{"text", []byte("abandon ability able about above absent"), errs.Invalid, "plain text"},
		{"exe", append([]byte("MZ\x90\x00"), make([]byte, 100)...), errs.Invalid, "PDF"},
		{"truncated png", pngBytes(t)[:60], errs.Invalid, "cannot be read"},
		{"pdf without end", []byte("%PDF-1.7\n<html><script>alert(1)</script>"), errs.Invalid, "incomplete"},
		{"pixel bomb", hugePNG(), errs.TooLarge, "pixels"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Clean("file.png", c.data)
			if !errs.Is(err, c.kind) {
				t.Fatalf("err = %v, want kind %v", err, c.kind)
			}
			e, _ := errs.As(err)
			if e.Field != "file" || !strings.Contains(e.Msg, c.says) {
				t.Fatalf("err = %q (field %q), want it to say %q", e.Msg, e.Field, c.says)
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	f.Add("a.png", pngBytes(f))
	f.Add("b.jpg", withExif(f, jpegBytes(f)))
	f.Add("c.gif", gifBytes(f))
	f.Add("d.pdf", []byte(minimalPDF))
	f.Add("e.svg", []byte("<svg onload=alert(1)>"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		c, err := Clean(name, data)
		if err != nil {
			if errs.KindOf(err) == errs.Internal {
				t.Fatalf("internal error for outside input: %v", err)
			}
			return
		}
		switch c.ContentType {
		case TypePNG, TypeJPEG, TypePDF:
		default:
			t.Fatalf("accepted type %q", c.ContentType)
		}
		if strings.ContainsAny(c.Name, "/\\\"\x00") || c.Name == "" {
			t.Fatalf("unsafe name %q", c.Name)
		}
		if c.ContentType != TypePDF {
			if _, _, err := image.Decode(bytes.NewReader(c.Data)); err != nil {
				t.Fatalf("cleaned image does not decode: %v", err)
			}
		}
	})
}
