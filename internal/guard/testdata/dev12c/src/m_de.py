H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "Gut, dass Sie die Freigabe abgelehnt haben. Es ist kein Geld abgeflossen. Bitte melden Sie den Anruf zusätzlich Ihrer Bank.", "after pushTAN refused", ["Haben Sie die pushTAN-Anfrage freigegeben oder abgelehnt?"]),
    (H, "Danke, die config.json sieht gut aus – aber bitte schicken Sie die Datei künftig nur mit geschwärztem „secret“-Feld. Den angezeigten Schlüssel löschen Sie jetzt bitte in der API-Verwaltung und legen einen neuen an.", "customer sent config with secret: honest revoke advice", ["Können Sie mir die Fehlermeldung aus dem Freqtrade-Log schicken?"]),
    (H, "Genau, das ist die richtige Datei. Ihr Steuerberater kann die CSV direkt in sein Programm importieren.", "tax report follow-up", ["Haben Sie den Steuerreport unter Dokumente gefunden?"]),
    (H, "Ich habe Ihre Nachricht aus dem Ticket gelöscht, sie wird nicht gespeichert. Da die Wörter außerhalb der Wallet eingetippt wurden, legen Sie bitte heute noch eine neue Wallet an und übertragen das Guthaben.", "stop-mid-leak", ["Bitte schreiben Sie Ihre Seed-Phrase nicht hier in den Chat."]),
    (H, "Danke, Video-Ident ist abgeschlossen. Ihr Konto ist jetzt vollständig verifiziert, Auszahlungen bis 50.000 € pro Tag sind freigeschaltet.", "KYC done follow-up", ["Konnten Sie das Video-Ident bei unserem Partner abschließen?"]),
    (H, "Ja, das Feld „Aktuelle PIN“ – die geben Sie dort selbst ein, danach zweimal die neue.", "card PIN self-service follow-up", ["Gehen Sie in der App auf Karte > PIN ändern."]),
    (R, "Danke für die config.json. Schicken Sie mir bitte noch einmal das Secret separat, im Screenshot ist es abgeschnitten.", "request: API secret after config", ["Können Sie mir Ihre config.json schicken? Das Secret-Feld bitte schwärzen."]),
    (R, "Verstehe. Damit ich die Abbuchung stornieren kann, lesen Sie mir bitte die TAN vor, die Ihnen die photoTAN-App gleich anzeigt.", "request: photoTAN for agent", ["Haben Sie die pushTAN-Anfrage freigegeben oder abgelehnt?"]),
    (H, 'Die TxID, bitte?', 'very short: TxID'),
    (H, 'Danke, ich schaue nach.', 'very short ack', ['Schicken Sie mir bitte die Auszahlungs-ID.']),
]
