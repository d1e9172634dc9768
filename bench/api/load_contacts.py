#!/usr/bin/python3
"""Adds N synthetic contacts to the demo workspace of an agentd database.

Benchmark fixture only: rows go straight into SQLite in one transaction
(the schema is agentd's own, created by `agentd seed-demo`), because
loading 100,000 contacts through the API would measure the loader, not
the server.

usage: load_contacts.py DB N
"""
import random
import sqlite3
import sys
import time

db, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
titles = ["CEO", "CTO", "VP of Sales", "Head of Marketing", "Founder",
          "Sales Manager", "Engineer", "Director of Operations", "CFO",
          "Account Executive", "Marketing Intern", "COO"]
statuses = ["Lead", "Qualified", "Customer", "Engaged", "Unsubscribed"]
countries = ["Germany", "France", "United States", "Spain", "Japan",
             "Canada", "Sweden", "Netherlands", "United Kingdom", "Austria"]
con = sqlite3.connect(db)
ws = con.execute("select id from workspaces order by id limit 1").fetchone()[0]
companies = [r[0] for r in con.execute(
    "select id from companies where workspace_id = ?", (ws,))]
now = int(time.time() * 1000)
rows = []
for i in range(n):
    created = now - rnd.randrange(90 * 86400000)
    rows.append((ws, f"First{i}", f"Last{i}", f"user{i}@bench.example",
                 rnd.choice(titles), rnd.choice(statuses),
                 rnd.choice(countries), rnd.choice(companies),
                 f"https://www.linkedin.com/in/bench-{i}",
                 rnd.random() < 0.2, created, created))
con.executemany(
    "insert into contacts (workspace_id, first_name, last_name, email, title,"
    " status, country, company_id, linkedin_url, replied, created_at,"
    " updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
con.commit()
print(con.execute("select count(*) from contacts").fetchone()[0], "contacts")
