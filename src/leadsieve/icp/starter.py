"""The commented starter ICP written by ``leadsieve icp init``."""

from __future__ import annotations

STARTER = """\
# A leadsieve Ideal Customer Profile (ICP). Validate with: leadsieve icp validate {path}
# Every rule is optional; delete what you do not use. Full schema: leadsieve icp schema
leadsieve: 1                 # document format version
slug: {slug}  # lowercase letters, digits, dashes; unique per workspace
name: {name}
description: B2B software in North America and the UK, 50-1,000 people.

min_score: 60                # qualified when fit_score >= min_score (and required rules match)
match_mode: weighted         # weighted | all (every rule matches) | any (one rule matches)
unknown: miss                # miss: no data scores 0 | neutral: no data drops the rule
grades: {{A: 80, B: 60, C: 40}}  # below C is D; DQ when disqualified

rules:
  # Weights are relative (any numbers from 0.01 to 10,000). A rule without a weight shares
  # what is left of 100 equally.
  # Industries: slugs of LinkedIn's industry codes V2 (leadsieve icp industries SEARCH),
  # or codes matched by prefix: naics:5415, sic:7372, nace:62.01, or bare "62" (any system).
  industries:   {{any_of: [software-development, financial-services], weight: 25}}
  # Countries (ISO codes or names), subdivisions (US-CA) or regions: north-america, latam,
  # emea, europe, eu, dach, nordics, benelux, uk-i, middle-east, mena, africa, apac, asia,
  # sea, anz, oceania.
  geography:    {{any_of: [north-america, GB], weight: 15}}
  # A range such as "51-200" counts by the share of it that lies inside the band.
  employees:    {{min: 50, max: 1000, weight: 15}}
  # Amounts as lead files write them: 5000000, 5M, "€5 Mio", "$1.2B", "5 Mrd". An amount in
  # another currency is converted to the rule's at a fixed table (docs/currencies.md).
  revenue:      {{min: 5M, max: 100M, currency: USD, weight: 10}}
  # Seniority: owner, c_suite, vp, head, director, manager, senior, entry, intern.
  # Departments: executive, sales, revenue_operations, marketing, customer_success, support,
  # engineering, product, design, data, it, security, finance, hr, legal, operations,
  # procurement, other. Half credit for one of seniority/department; a title keyword is full.
  roles:        {{seniority: [c_suite, vp, head, director],
                 departments: [sales, revenue_operations],
                 titles: ["revenue operations"], weight: 10}}
  # Signals in lead files look like "recent_funding@2026-08-01; hiring_sales".
  # Undated signals count as current.
  signals:      {{any_of: [recent_funding, hiring_sales], max_age_days: 180, weight: 5}}
  # Technologies: product names, read like the leads' through the vocabulary of
  # docs/technologies.md ("SFDC" and "Salesforce Sales Cloud" are salesforce). A name a typo
  # away from a known product is refused; list a product we do not know under `unlisted`
  # too (unlisted: [acme billing]) to say you mean it.
  technologies: {{any_of: [salesforce, hubspot], required: true}}   # must match to qualify
  # Keywords are found in name, description and keywords as whole words or their plural
  # ("saas" finds "SaaS"; "platform" finds "platforms"); end one with * to match every word
  # it starts ("crypto*" finds "cryptocurrency"). Case and accents never matter.
  keywords:     {{any_of: [b2b, saas]}}

disqualifiers:                # any hit: score 0, grade DQ, never qualified
  keywords: [crypto*, gambling]
  industries: [government-administration]
  geography: [RU, BY]
  domains: [competitor.example]   # competitors, existing customers
  employees: {{below: 10, above: 50000}}
"""


def starter_icp(
    slug: str = "my-icp", name: str = "My ideal customers", path: str = "icp.yaml"
) -> str:
    """The commented starter document, ready to edit."""
    return STARTER.format(slug=slug, name=name, path=path)
