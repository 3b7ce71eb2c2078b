H, R = "H", "R"
DROP_NOTES = ["fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link", "KYC rejected", "KYC resubmission", "KYC resubmit", "security hold", "routine: security hold after password change", "withdrawal id", "public data: withdrawal id"]
ITEMS = [
    (H, "I've deleted your last message from the ticket so the words aren't stored anywhere on our side. Because they were typed outside your wallet, please create a new wallet today and move the funds to it.", "stop-mid-leak: customer pasted words, agent deletes and advises", ["Please don't type your recovery phrase here, we never need it."]),
    (H, "BEP20, ok. Then send me the TxID and I'll check whether that deposit address supports it.", "follow-up asking TxID", ["Which network did you choose when you withdrew?"]),
    (H, "Thanks. I can see \"gridbot-1\" has Withdraw enabled; please untick that, a trading bot doesn't need it.", "API key name follow-up", ["Is your bot still using the key called \"gridbot-1\"?"]),
    (H, "That's the one, thank you. We won't need any password for your mother's account; we'll freeze it and handle everything with the documents.", "inheritance follow-up", ["For the claim, could you tell me which e-mail address your mother's account was registered with?"]),
    (H, "Great. At the login screen choose \"Use a backup code\" and type one of them there. Cross it off afterwards, each code works only once.", "backup code used by customer", ["Did you write down the backup codes when you turned on 2FA?"]),
    (H, "Got it, thanks. The transfer went to a token contract address instead of your deposit address. I'm opening a recovery case for you, reference RC-40981.", "after screenshot of Etherscan page", ["Could you send a screenshot of the transaction page on Etherscan?", "Please make sure the URL bar is visible in it."]),
    (R, "Perfect. While you're in the authenticator, just read me the code that's showing now so I can finish the whitelist on my end.", "request: TOTP after whitelist steps", ["I've added the address to the whitelist.", "It only needs a final confirmation now."]),
    (R, "Since the old SIM is still in your drawer, pop it in and tell me the code that comes through, then I'll move your 2FA.", "request: SMS code on old SIM", ["Sorry to hear about the stolen phone.", "Do you still have the old SIM card?"]),
    (H, 'TxID, please?', 'very short: ask for TxID'),
    (H, 'Got it, thanks! Checking now.', 'very short ack', ['Please paste the withdrawal ID here.']),
]
