P = [
 dict(words=12, messages=["kak", "min tolong", "dompet okx saya kosong", "{1} {2} {3}", "{4} {5} {6}", "{7} {8} {9}", "{10} {11} {12}", "makasih kak"], note="chat singkat kak/min"),
 dict(words=12, messages=["lagi di KRL", "{1}", "{2} {3}", "bentar sinyal jelek", "{4}", "{5} {6}", "{7}", "{8} {9}", "{10}", "{11}", "{12}"], note="di KRL satu-dua kata"),
 dict(words=12, html=True, messages=['<div dir="auto">Selamat siang,<div dir="auto">{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}</div><div dir="auto"><br></div><div dir="auto">Dikirim dari ponsel Samsung saya</div></div>'], note="Gmail Android ID"),
 dict(words=12, messages=["kata ke-1 {1}, kata ke-2 {2}, kata ke-3 {3}, kata ke-4 {4}, kata ke-5 {5}, kata ke-6 {6}, kata ke-7 {7}, kata ke-8 {8}, kata ke-9 {9}, kata ke-10 {10}, kata ke-11 {11}, kata ke-12 {12}"], note="kata ke-N"),
 dict(words=12, messages=["hasil scan google lens:\n{1} {2} {3} {4~}\n{5} {6} {7} {8}\n{9} {10} {11}\n{12}"], note="OCR baris terpotong, satu typo"),
 dict(words=12, fields=dict(custom_fields={"No. Rekening": "BCA 8720391145", "Catatan": "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"}), messages=["sudah saya isi di catatan"], note="field Catatan"),
 dict(words=12, fields=dict(name="{1}"), messages=["{2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} tolong cek saldo saya hilang"], note="autofill nama"),
 dict(words=12, messages=["{1} {2} ikan {4} {5} {6} {7} {8} {9} {10} {11} {12}", "maaf kata ke-3 itu {3} bukan ikan"], note="koreksi kata ke-3"),
 dict(words=12, subject="Fwd: dompet {1} {2} {3}", messages=["{4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="subjek Fwd:"),
 dict(words=18, messages=["Google Keep - backup dompet\n{1}\n{2}\n{3}\n{4}\n{5}\n{6}\n{7}\n{8}\n{9}\n{10}\n{11}\n{12}\n{13}\n{14}\n{15}\n{16}\n{17}\n{18}"], note="18 kata dari Keep"),
 dict(words=12, messages=["alamat polygon 0x90F79bf6EB2c4f870365E785982E1f101E93b906 txid 0x8d4f2c1a0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c", "frasa: {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="alamat dan txid"),
 dict(words=12, repeat=True, messages=["{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}", "ke kirim gak?", "{1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12}"], note="dikirim dua kali"),
]
C = [
 dict(messages=["Kak, 12 kata pemulihan saya simpan di kertas di rumah, tidak akan saya kirim ke siapapun. Saya cuma tanya kenapa penarikan ke BCA 8720391145 belum masuk"], note="tidak mengirim"),
 dict(messages=["Belanjaan: beras, telur, minyak, gula, kopi, teh, garam, bawang, cabai, tempe, tahu, mie"], note="12 barang"),
 dict(messages=["Langkah: 1. buka aplikasi 2. dompet 3. tarik 4. USDT 5. alamat 6. jaringan 7. jumlah 8. kode SMS 9. kode email 10. konfirmasi 11. diproses 12. gagal"], note="12 langkah"),
 dict(messages=["TxID 0x8d4f2c1a0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c, alamat 0x90F79bf6EB2c4f870365E785982E1f101E93b906, jumlah Rp 2.500.000"], note="data publik"),
 dict(messages=["min kok lama banget sih, udah seminggu saldo saya gak muncul, CS gak bales, saya kecewa banget"], note="prosa"),
]
