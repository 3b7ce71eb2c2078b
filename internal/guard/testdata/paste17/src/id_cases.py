from common import P, C
PASTES = [
P(12, ["Diteruskan\n{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "ini dari kakak saya min, tolong bantu pulihkan"], "WhatsApp Diteruskan label"),
P(12, ["ref GoPay 2612031845A771, saldo belum masuk. kata sandi dompet: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "GoPay reference then the phrase"),
P(12, ["kata pertama {1} kata kedua {2} kata ketiga {3} kata keempat {4} kata kelima {5} kata keenam {6} kata ketujuh {7} kata kedelapan {8} kata kesembilan {9} kata kesepuluh {10} kata kesebelas {11} kata kedua belas {12}"], "Google voice typing with ordinals"),
P(12, ["<div>Halo,</div><div>{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}</div><div><br></div><div>Dikirim dari ponsel saya</div>"], "Android mail HTML", html=True),
P(12, ["ini kak: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}\n\nPada Kam, 3 Des 2026 pukul 13.05 Dukungan <cs@contoh.co.id> menulis:\n> Tiket Anda telah kami terima."], "Gmail reply with Indonesian quote header"),
P(12, ["gan tolong dong, dompet ane kosong. frase nya {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} makasih gan"], "Jakarta slang framing"),
P(12, ["BCA 1234567890 a.n. Budi Santoso, Rp 2.500.000", "frase pemulihan {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}"], "BCA account and amount"),
P(12, ["tidak bisa tarik"], "first word in Nama, rest in Keterangan", fields={"name": "{1}", "custom_fields": {"Keterangan": "{2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "No HP": "0812-3456-7890"}}),
P(12, ["Diteruskan dari Admin Indodax Resmi\nKirim 12 kata untuk verifikasi", "sudah saya kirim: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], "Telegram forward from a fake admin"),
P(12, ["kata ke-1 {1}, kata ke-2 {2}, kata ke-3 {3}, kata ke-4 {4}, kata ke-5 {5}, kata ke-6 {6}, kata ke-7 {7}, kata ke-8 {8}, kata ke-9 {9}, kata ke-10 {10}, kata ke-11 {11}, kata ke-12 {12}"], "kata ke-N labels"),
P(12, ["{1}_{2}_{3}_{4}_{5}_{6}_{7}_{8}_{9}_{10}_{11}_{12}"], "underscores"),
P(18, ["Catatan\n4 Des 2026\ndompet lama\n{1} {2} {3} {4} {5} {6}\n{7} {8} {9} {10} {11} {12}\n{13} {14} {15} {16} {17} {18}"], "Samsung Notes, 18 words"),
P(12, ["{1} {2} {3} {4} {5} {6}", "lanjut {7} {8} {9} {10} {11} {12}"], "two halves with 'lanjut'"),
]
CLEAN = [
C(["Halo min, 12 kata saya sudah saya tulis di kertas dan simpan di rumah, tidak akan saya kirim ke siapa pun. Saya cuma mau tanya kenapa penarikan ke BCA masih diproses."], "keeps words safe"),
C(["Daftar belanja: beras, telur, susu, kopi, roti, pisang, jeruk, ayam, ikan, sayur, garam, gula"], "12-item list"),
C(["Yang saya lakukan: 1 buka aplikasi 2 pilih koin 3 tempel alamat 4 isi jumlah 5 konfirmasi 6 tunggu 7 cek riwayat 8 restart 9 login lagi 10 coba lagi 11 kirim pesan 12 tetap gagal"], "12 steps"),
C(["Alamat TRC20 TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7, TxID 7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1, jumlah 100 USDT"], "public data"),
C(["xpub untuk akuntan saya: xpub6BgBgsespWvERF3LHQu6CnqdvfEvtMcQjYrcRzx53QJjSxarj2afYWcLteoGVky7D3UKDP9QyrLprQ3VCECoY49yfdDEHGCtMMj92pReUsQ"], "xpub for accountant"),
]
PASTES += [
P(15, ["min ini 15 kata dari dompet lama saya {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15}"], "15 words"),
]
CLEAN += [
C(["min saya sudah swap token lewat bridge network Polygon, fee gas sudah kepotong tapi balance belum update, deposit order 77120 masih pending. tolong check"], "Indonesian with English crypto jargon"),
]
