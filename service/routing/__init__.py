"""Who gets which alerts and digests: recipients, their subscriptions (`tables`,
`recipients`) and the pure plan of deliveries (`plan`)."""
