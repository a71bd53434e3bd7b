"""The live web page (`ballotlaw serve`): a rule file edited in the browser, checked as it is typed, evaluated on
results, explained step by step, its examples run and its properties searched. `app.py` is the web application
(Starlette), `work.py` what it computes (through ballotlaw.api), `folder.py` the folder it may read and write,
`run.py` the server (uvicorn); the page itself is in `static/`."""
