"""Access: who is making a request and what they may do.

Modules: `policy` (local mode, or team mode with the sign-in header and the roles file
named by INCIDENT_MAP_ACCESS), `actor` (the person behind a request or a command, with the
place it came from, checked against the policy), `names` (what a recorded name may hold).
No Streamlit here: geo.ui.identity reads the request's headers and address.
"""
