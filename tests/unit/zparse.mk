# zones parser tests (lead)
