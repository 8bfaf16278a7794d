using System.Globalization;
using System.Text;

namespace Sip.Workflow;

/// <summary>
/// The plan as a document everyone gets a copy of (<i>alla på mötet får ett exemplar av SIP</i>): one self-contained,
/// accessible HTML page in the structure caseworkers know from the regional templates — what matters to the individual,
/// goals, needs, who does what, when and where per principal, actions by others, the lead principal and coordinator,
/// the participants and who came, the follow-up, what to do if things change, and the legal basis.
/// </summary>
/// <remarks>
/// <para>
/// The page carries its language, headings in order, tables with header cells and a caption, print styles, and nothing
/// else: no script, no external resource (no font, image or style sheet to fetch), so it prints and archives as it is
/// and opens offline. Every text from the case is HTML-encoded: case text is input someone typed.
/// </para>
/// <para>
/// For an individual with a protected identity (<i>skyddade personuppgifter</i>) the document is marked so at the top,
/// and no place that could be the individual's home is shown: a meeting at home, the follow-up's place and each
/// intervention's "where" say that the place is given separately. The library cannot tell an address from a room in
/// free text, so it leaves all of them out rather than guess.
/// </para>
/// </remarks>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class SipPlanDocument
{
    /// <summary>Renders one revision of a case's plan as an HTML document.</summary>
    /// <param name="sipCase">The case.</param>
    /// <param name="revision">The plan revision (<see cref="SipPlan.Revision"/>), 1 or more.</param>
    /// <param name="audience">Who the document is for.</param>
    /// <param name="language">Swedish or English.</param>
    /// <param name="options">The host's additions (the individual's display name); none when <see langword="null"/>.</param>
    /// <returns>The whole HTML document, UTF-8 text beginning with <c>&lt;!DOCTYPE html&gt;</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="revision"/> is not a revision of the case's plan, or
    /// <paramref name="audience"/> or <paramref name="language"/> is not a defined value.</exception>
    public static string Render(SipCase sipCase, int revision, PlanDocumentAudience audience, SipLanguage language, PlanDocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        Internal.Check.Defined(audience, nameof(audience));
        Internal.Check.Defined(language, nameof(language));
        var plan = CommandHelpers.PlanRevision(sipCase, revision, nameof(revision));
        return new Writer(sipCase, plan, audience, language, options ?? new PlanDocumentOptions()).Write();
    }

    private sealed class Writer(SipCase c, SipPlan plan, PlanDocumentAudience audience, SipLanguage language, PlanDocumentOptions options)
    {
        private readonly StringBuilder _html = new(16 * 1024);
        private readonly bool _sv = language == SipLanguage.Swedish;
        private readonly bool _you = audience == PlanDocumentAudience.Individual;
        private readonly bool _protected = c.Individual.HasProtectedIdentity;

        private string T(string sv, string en) => _sv ? sv : en;

        // The individual in the third person, or "you" in the individual's own copy.
        private string Individual => options.IndividualDisplayName ?? T("den enskilde", "the individual");

        private string PlaceGivenSeparately => T("Platsen lämnas separat (skyddade personuppgifter)", "The place is given separately (protected personal data)");

        public string Write()
        {
            var title = T("Samordnad individuell plan (SIP)", "Coordinated individual plan (SIP)");
            _html.Append("<!DOCTYPE html>\n<html lang=\"").Append(_sv ? "sv" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(E(title)).Append("</title>\n")
                .Append("<style>\n").Append(Styles).Append("</style>\n</head>\n<body>\n<main>\n");
            _html.Append("<h1>").Append(E(title)).Append("</h1>\n");
            if (_protected)
            {
                _html.Append("<p class=\"protected\" role=\"note\"><strong>")
                    .Append(E(T("Skyddade personuppgifter.", "Protected personal data.")))
                    .Append("</strong> ")
                    .Append(E(T("Adress och plats i hemmet lämnas inte ut i den här planen.", "No address or place at home is given in this plan.")))
                    .Append("</p>\n");
            }

            Intro();
            WhatMatters();
            Goals();
            Needs();
            Interventions();
            ActionsByOthers();
            Lead();
            Participants();
            FollowUp();
            IfThingsChange();
            LegalBasis();
            if (audience == PlanDocumentAudience.Archive)
            {
                Record();
            }

            _html.Append("</main>\n</body>\n</html>\n");
            return _html.ToString();
        }

        private void Intro()
        {
            _html.Append("<p>");
            if (_you)
            {
                _html.Append(E(options.IndividualDisplayName is { } name
                    ? T($"Det här är din plan, {name}. Du har gjort den tillsammans med kommunen, regionen och andra som ger dig stöd.",
                        $"This is your plan, {name}. You made it together with the municipality, the region and others who support you.")
                    : T("Det här är din plan. Du har gjort den tillsammans med kommunen, regionen och andra som ger dig stöd.",
                        "This is your plan. You made it together with the municipality, the region and others who support you.")));
            }
            else
            {
                _html.Append(E(T($"Planen för {Individual}, gjord tillsammans av kommunen och regionen.", $"The plan for {Individual}, made together by the municipality and the region.")));
            }

            _html.Append("</p>\n<p>").Append(E(T("Version", "Version"))).Append(' ').Append(plan.Revision.ToString(CultureInfo.InvariantCulture))
                .Append(", ").Append(E(T("upprättad", "established"))).Append(' ').Append(Time(plan.EstablishedAt)).Append(".</p>\n");
        }

        private void WhatMatters()
        {
            H2(_you ? T("Det här är viktigt för dig", "What matters to you") : T($"Det här är viktigt för {Individual}", $"What matters to {Individual}"));
            Paragraph(plan.WhatMattersToIndividual ?? T("Inte ifyllt.", "Not filled in."));
            if (plan.IndividualParticipation is { } participation)
            {
                Paragraph(participation.Participated
                    ? _you ? T("Du var med och gjorde planen.", "You took part in making the plan.") : T($"{Individual} var med och gjorde planen.", $"{Individual} took part in making the plan.")
                    : T("Varför den enskilde inte kunde vara med: ", "Why the individual could not take part: ") + (participation.ReasonNotParticipating ?? string.Empty));
            }
        }

        private void Goals()
        {
            H2(T("Mål", "Goals"));
            foreach (var (horizon, heading) in new[] { (GoalHorizon.LongTerm, T("Långsiktiga mål", "Long-term goals")), (GoalHorizon.ShortTerm, T("Kortsiktiga mål", "Short-term goals")) })
            {
                H3(heading);
                List(plan.Goals.Where(g => g.Horizon == horizon).Select(g => g.Text), T("Inga mål av det här slaget.", "No goals of this kind."));
            }
        }

        private void Needs()
        {
            H2(_you ? T("Det här behöver du stöd med", "What you need support with") : T("Behov", "Needs"));
            List(plan.Needs.Select(n => n.Text), T("Inga behov är beskrivna separat.", "No needs are described separately."));
        }

        private void Interventions()
        {
            H2(T("Insatser: vem gör vad, när och var", "Interventions: who does what, when and where"));
            foreach (var (principal, responsible, name) in new[]
                     {
                         (PrincipalKind.Municipality, ResponsibleKind.Municipality, T("Kommunen", "The municipality")),
                         (PrincipalKind.Region, ResponsibleKind.Region, T("Regionen", "The region")),
                     })
            {
                H3(name);
                var lines = plan.Interventions.Where(i => i.Responsible == responsible).ToList();
                if (lines.Count == 0)
                {
                    Paragraph(plan.NoInterventionsFrom.Contains(principal)
                        ? T("Ingen insats från huvudmannen för närvarande.", "No intervention from this principal at present.")
                        : T("Inga insatser angivna.", "No interventions given."));
                    continue;
                }

                Table(T($"Insatser från {name.ToLowerInvariant()}", $"Interventions by {name.ToLowerInvariant()}"), lines);
            }
        }

        private void ActionsByOthers()
        {
            H2(T("Åtgärder av andra", "Actions by others"));
            var lines = plan.ActionsByOthers.ToList();
            if (lines.Count == 0)
            {
                Paragraph(plan.NoActionsByOthers
                    ? T("Ingen annan än kommunen och regionen gör något enligt planen.", "No one but the municipality and the region takes any action under the plan.")
                    : T("Inga åtgärder angivna.", "No actions given."));
                return;
            }

            Table(T("Åtgärder av andra än kommunen och regionen", "Actions by others than the municipality and the region"), lines);
        }

        private void Table(string caption, IReadOnlyList<Intervention> lines)
        {
            _html.Append("<table>\n<caption>").Append(E(caption)).Append("</caption>\n<thead><tr>");
            foreach (var header in new[] { T("Vad", "What"), T("Vem", "Who"), T("När", "When"), T("Var", "Where"), T("Status", "Status") })
            {
                _html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
            }

            _html.Append("</tr></thead>\n<tbody>\n");
            foreach (var line in lines)
            {
                _html.Append("<tr><th scope=\"row\">").Append(E(line.What)).Append("</th><td>").Append(E(Who(line))).Append("</td><td>")
                    .Append(E(line.When ?? "–")).Append("</td><td>").Append(E(_protected && line.Where is not null ? PlaceGivenSeparately : line.Where ?? "–"))
                    .Append("</td><td>").Append(E(Status(StatusOf(line)))).Append("</td></tr>\n");
            }

            _html.Append("</tbody>\n</table>\n");
        }

        private string Who(Intervention line)
        {
            var unit = line.PerformedBy is { } id ? c.FindParticipant(id)?.Organisation.Name : null;
            var kind = line.Responsible switch
            {
                ResponsibleKind.Municipality => T("Kommunen", "The municipality"),
                ResponsibleKind.Region => T("Regionen", "The region"),
                ResponsibleKind.Individual => _you ? T("Du själv", "You") : Individual,
                _ => T("Annan aktör", "Another actor"),
            };
            return unit is null ? kind : $"{unit} ({kind.ToLowerInvariant()})";
        }

        // The status this revision's intervention had last: its own, or the latest change recorded for this revision.
        private InterventionStatus StatusOf(Intervention line)
            => c.InterventionStatusChanges.LastOrDefault(x => x.InterventionId == line.Id && x.PlanRevision == plan.Revision)?.Status ?? line.Status;

        private string Status(InterventionStatus status) => status switch
        {
            InterventionStatus.Ongoing => T("Pågår", "Ongoing"),
            InterventionStatus.Done => T("Genomförd", "Done"),
            InterventionStatus.Cancelled => T("Avbruten", "Cancelled"),
            _ => T("Planerad", "Planned"),
        };

        private void Lead()
        {
            H2(T("Huvudansvarig och samordnare", "Lead principal and coordinator"));
            if ((plan.LeadPrincipal ?? c.LeadPrincipal) is not { } lead)
            {
                Paragraph(T("Ingen huvudansvarig är utsedd.", "No lead principal is appointed."));
                return;
            }

            Paragraph(T("Huvudansvarig: ", "Lead principal: ") + lead.Organisation.Name + " ("
                + (lead.Principal == PrincipalKind.Municipality ? T("kommunen", "the municipality") : T("regionen", "the region")) + ")");
            if (lead.Coordinator is { } coordinator)
            {
                Paragraph(T("Samordnare: ", "Coordinator: ") + coordinator.Name + (coordinator.Title is { } title ? ", " + title : string.Empty));
                H3(_you ? T("Så når du din samordnare", "How to reach your coordinator") : T("Så nås samordnaren", "How to reach the coordinator"));
                Paragraph(coordinator.ContactDetails ?? T("Kontaktuppgifter är inte angivna; fråga huvudansvarig enhet.", "No contact details given; ask the lead unit."));
            }
            else
            {
                Paragraph(T("Ingen namngiven samordnare är utsedd.", "No named coordinator is appointed."));
            }
        }

        private void Participants()
        {
            H2(T("Deltagare", "Participants"));
            var meeting = plan.MeetingId is { } id ? c.Meetings.FirstOrDefault(m => m.Id == id) : c.MeetingForPlan;
            var parties = c.Participants.Where(p => p.IsActive || meeting?.Attendance.Any(a => a.ParticipantId == p.Id) == true).ToList();
            if (parties.Count == 0)
            {
                Paragraph(T("Inga deltagare registrerade.", "No participants recorded."));
                return;
            }

            _html.Append("<table>\n<caption>").Append(E(T("Deltagare och vilka som var med på mötet", "Participants and who came to the meeting"))).Append("</caption>\n<thead><tr>");
            foreach (var header in new[] { T("Deltagare", "Participant"), T("Kontaktperson", "Contact person"), T("Kallad eller inbjuden", "Called or invited"), T("På mötet", "At the meeting") })
            {
                _html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
            }

            _html.Append("</tr></thead>\n<tbody>\n");
            foreach (var p in parties)
            {
                var attendance = meeting?.Attendance.FirstOrDefault(a => a.ParticipantId == p.Id)?.Status;
                _html.Append("<tr><th scope=\"row\">").Append(E(p.Organisation.Name)).Append("</th><td>").Append(E(p.Contact?.Name ?? "–")).Append("</td><td>")
                    .Append(E(p.Role == ParticipationRole.Called ? T("Kallad", "Called") : T("Inbjuden", "Invited"))).Append("</td><td>")
                    .Append(E(attendance switch
                    {
                        AttendanceStatus.Attended => T("Var med", "Came"),
                        AttendanceStatus.AttendedBySubstitute => T("Ersättare var med", "A substitute came"),
                        AttendanceStatus.Absent => T("Var inte med", "Did not come"),
                        _ => T("Inte registrerat", "Not recorded"),
                    }))
                    .Append("</td></tr>\n");
            }

            _html.Append("</tbody>\n</table>\n");
            if (meeting is { } m)
            {
                Paragraph(T("Mötet: ", "The meeting: ") + Time(m.StartsAt) + ", " + MeetingPlace(m));
            }
        }

        private string MeetingPlace(Meeting m) => m.Form switch
        {
            MeetingForm.AtIndividualsHome => _protected ? PlaceGivenSeparately : _you ? T("hemma hos dig", "at your home") : T("hos den enskilde", "at the individual's home"),
            MeetingForm.Digital => T("digitalt", "digitally"),
            MeetingForm.Phone => T("per telefon", "by telephone"),
            // A place is free text the library cannot tell from an address; for a protected identity none is written.
            _ => _protected ? PlaceGivenSeparately : m.Place ?? T("plats inte angiven", "place not given"),
        };

        private void FollowUp()
        {
            H2(T("Uppföljning", "Follow-up"));
            if (plan.FollowUpBooking is not { } booking)
            {
                Paragraph(T("Ingen uppföljning är bokad.", "No follow-up is booked."));
                return;
            }

            Paragraph(T("Planen följs upp ", "The plan is followed up on ") + Time(booking.At) + ". " + T("Plats: ", "Place: ")
                + (_protected ? PlaceGivenSeparately : booking.Place) + ".");
        }

        private void IfThingsChange()
        {
            H2(_you ? T("Om din situation förändras", "If your situation changes") : T("Om situationen förändras", "If the situation changes"));
            Paragraph(_you
                ? T("Hör av dig till din samordnare eller huvudansvarig om något viktigt förändras innan uppföljningen. Då kallas alla till en uppföljning tidigare.",
                    "Contact your coordinator or the lead principal if something important changes before the follow-up. Everyone is then called to an earlier follow-up.")
                : T("Meddela huvudansvarig om den enskildes livssituation förändras väsentligt före den planerade uppföljningen; huvudansvarig kallar då berörda till en tidigare uppföljning.",
                    "Tell the lead principal if the individual's situation changes substantially before the booked follow-up; the lead principal then calls those concerned to an earlier follow-up."));
            if (_you)
            {
                Paragraph(T("Om du inte är nöjd med planen kan du prata med din samordnare. Du kan också vända dig till patientnämnden eller lämna synpunkter till kommunen.",
                    "If you are not satisfied with the plan, talk to your coordinator. You can also turn to the patients' advisory committee (patientnämnden) or give your views to the municipality."));
            }
        }

        private void LegalBasis()
        {
            H2(T("Lagstöd", "Legal basis"));
            var date = SipLegalReferences.SwedishDateOf(plan.EstablishedAt);
            Paragraph(T("Planen upprättas enligt ", "The plan is made under ") + SipRequirements.PlanLeadPrincipal.CitationOn(date) + ". "
                + T("Planen ska ange vilka insatser som behövs, vilka insatser kommunen respektive regionen ansvarar för, vilka åtgärder andra vidtar och vilken huvudman som har det övergripande ansvaret.",
                    "The plan states which interventions are needed, which the municipality and the region each answer for, which actions others take, and which principal has overall responsibility."));
        }

        private void Record()
        {
            H2(T("Dokumentuppgifter", "Record details"));
            _html.Append("<table>\n<caption>").Append(E(T("Uppgifter för arkivet", "Details for the archive"))).Append("</caption>\n<tbody>\n");
            Row(T("Ärende", "Case"), c.Id.ToString());
            Row(T("Planversion", "Plan revision"), plan.Revision.ToString(CultureInfo.InvariantCulture));
            Row(T("Ärendets version", "Case version"), c.Version.ToString(CultureInfo.InvariantCulture));
            Row(T("Historikens senaste hash", "History head hash"), c.HistoryHead ?? "–");
            Row(T("Godkänd för den enskilde", "Approved for the individual"), c.IsApprovedForIndividual(plan.Revision) ? T("Ja", "Yes") : T("Nej", "No"));
            foreach (var d in c.PlanDistributions.Where(d => d.Revision == plan.Revision))
            {
                var to = d.ParticipantId is { } id ? c.FindParticipant(id)?.Organisation.Name ?? id.ToString() : T("Den enskilde", "The individual");
                Row(T("Exemplar till", "Copy to"), $"{to}: {Time(d.DistributedAt)} ({d.Channel})");
            }

            _html.Append("</tbody>\n</table>\n");
        }

        private void Row(string header, string value)
            => _html.Append("<tr><th scope=\"row\">").Append(E(header)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

        private void H2(string text) => _html.Append("<h2>").Append(E(text)).Append("</h2>\n");

        private void H3(string text) => _html.Append("<h3>").Append(E(text)).Append("</h3>\n");

        // Free text keeps its line breaks: each line becomes its own line of the paragraph.
        private void Paragraph(string text)
            => _html.Append("<p>").Append(string.Join("<br>", text.Split('\n').Select(l => E(l.TrimEnd('\r'))))).Append("</p>\n");

        private void List(IEnumerable<string> items, string whenEmpty)
        {
            var list = items.ToList();
            if (list.Count == 0)
            {
                Paragraph(whenEmpty);
                return;
            }

            _html.Append("<ul>\n");
            foreach (var item in list)
            {
                _html.Append("<li>").Append(string.Join("<br>", item.Split('\n').Select(l => E(l.TrimEnd('\r'))))).Append("</li>\n");
            }

            _html.Append("</ul>\n");
        }

        private static string Time(DateTimeOffset at)
            => SipLegalReferences.SwedishTimeOf(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        // Only the five characters that can open markup or end an attribute are escaped: the page is UTF-8, so "å" and "§"
        // stay readable in the source (WebUtility.HtmlEncode would write them as numeric references).
        private static string E(string text)
        {
            var encoded = new StringBuilder(text.Length + 16);
            foreach (var ch in text)
            {
                encoded.Append(ch switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    '\'' => "&#39;",
                    _ => ch.ToString(),
                });
            }

            return encoded.ToString();
        }
    }

    // Readable on screen and on paper: no fonts or images to fetch, tables that break cleanly between pages.
    private const string Styles = """
        body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; color: #111; background: #fff; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 1.6rem; border-bottom: 1px solid #555; } h3 { font-size: 1.1rem; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
        caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
        th, td { border: 1px solid #555; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
        thead th { background: #eee; }
        .protected { border: 3px solid #000; padding: 0.5rem; font-size: 1.1rem; }
        @media print {
          body { max-width: none; margin: 0; font-size: 11pt; }
          h2, h3 { break-after: avoid; }
          tr, .protected { break-inside: avoid; }
          thead { display: table-header-group; }
        }

        """;
}
