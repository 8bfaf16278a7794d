using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using FhirConsent = Hl7.Fhir.Model.Consent;
using FhirGoal = Hl7.Fhir.Model.Goal;
using FhirTask = Hl7.Fhir.Model.Task;
using SipConsent = Sip.Workflow.Consent;

namespace Sip.Workflow.Fhir;

/// <summary>
/// A SIP case and one revision of its plan as an HL7 FHIR R4 <see cref="Bundle"/> (type collection): the
/// <see cref="CarePlan"/>, its <see cref="FhirGoal"/>s, a <see cref="CareTeam"/>, one <see cref="FhirConsent"/> per
/// consent and scope, an <see cref="Appointment"/> per meeting, a <see cref="FhirTask"/> per summons and follow-up, and
/// a <see cref="Provenance"/> per history event, with the plan document attached.
/// </summary>
/// <remarks>
/// <para>
/// Resource ids are derived from the case id, so exporting the same case twice gives the same ids; entries reference each
/// other by <c>urn:uuid:</c> full URLs. The individual is referenced by the host's identifier only (no Patient resource):
/// the host's patient register is the source of truth.
/// </para>
/// <para>
/// A protected identity (<i>skyddade personuppgifter</i>) puts the restricted confidentiality label (v3-Confidentiality
/// <c>R</c>) on every resource, and no place that could be the individual's home is written: a meeting at home has no
/// location, the interventions' "where" and the follow-up's place are left out.
/// </para>
/// <para>
/// What goes between the principals' systems — summons, answers, plan revisions, the closing — has its own FHIR form:
/// <see cref="SipFhirExchange"/>.
/// </para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class SipFhirExporter(SipFhirExportOptions? options = null)
{
    private const string ConfidentialitySystem = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    private const string ConsentScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";
    private const string LoincSystem = "http://loinc.org";

    private readonly SipFhirExportOptions _options = options ?? new SipFhirExportOptions();

    /// <summary>The CarePlan status for a case in <paramref name="state"/>, for the plan in force.</summary>
    /// <param name="state">The case's state.</param>
    /// <param name="closure">How the case was closed, for a closed case.</param>
    /// <returns>Draft before the plan is established, active while it is in force, completed when closed after it ran its
    /// course, revoked when it was ended early (consent withdrawn, declined, not started (NotStarted)).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a defined state.</exception>
    public static RequestStatus StatusOf(SipState state, Closure? closure) => state switch
    {
        SipState.NeedIdentified or SipState.Preparing or SipState.Summoned => RequestStatus.Draft,
        SipState.PlanEstablished or SipState.FollowUp => RequestStatus.Active,
        SipState.Closed => closure?.Reason is ClosureReason.ConsentWithdrawn or ClosureReason.OfferDeclined or ClosureReason.NotStarted
            ? RequestStatus.Revoked
            : RequestStatus.Completed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, $"'{nameof(state)}' is not a defined {nameof(SipState)}."),
    };

    /// <summary>Exports a case and one revision of its plan.</summary>
    /// <param name="sipCase">The case.</param>
    /// <param name="revision">The plan revision; 0 for a case whose plan is not established yet (the CarePlan is then a draft without activities).</param>
    /// <param name="patient">The host's identifier of the individual.</param>
    /// <param name="history">The case's history (<see cref="ISipWorkflow.GetHistoryAsync"/>), for the Provenance resources.</param>
    /// <param name="language">The language of the texts and the attached plan document.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/>, <paramref name="patient"/> or <paramref name="history"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="revision"/> is not a revision of the case's plan (nor 0 before
    /// the plan exists), the patient identifier's system or value is blank, or a history event belongs to another case.</exception>
    public Bundle Export(SipCase sipCase, int revision, FhirPatientIdentifier patient, IReadOnlyList<SipEvent> history, SipLanguage language = SipLanguage.Swedish)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(history);
        if (string.IsNullOrWhiteSpace(patient.System) || !Uri.IsWellFormedUriString(patient.System, UriKind.Absolute))
        {
            throw new ArgumentException($"'{nameof(patient)}.{nameof(patient.System)}' must be an absolute URI (e.g. urn:oid:1.2.752.129.2.1.3.1).", $"{nameof(patient)}.{nameof(patient.System)}");
        }

        if (string.IsNullOrWhiteSpace(patient.Value))
        {
            throw new ArgumentException($"'{nameof(patient)}.{nameof(patient.Value)}' is blank; give the host's identifier of the individual.", $"{nameof(patient)}.{nameof(patient.Value)}");
        }

        if (history.Any(e => e.CaseId != sipCase.Id))
        {
            throw new ArgumentException($"'{nameof(history)}' holds events of another case; pass this case's history only.", nameof(history));
        }

        SipPlan? plan = null;
        if (revision != 0 || sipCase.PlanRevisions.Count > 0)
        {
            plan = sipCase.PlanRevisions.FirstOrDefault(p => p.Revision == revision)
                ?? throw new ArgumentException(
                    sipCase.PlanRevisions.Count == 0
                        ? $"'{nameof(revision)}' is {revision}, but no plan is established yet; pass 0 to export the case as a draft."
                        : $"'{nameof(revision)}' is {revision}; the plan's revisions are 1 to {sipCase.PlanRevisions[^1].Revision}.",
                    nameof(revision));
        }

        return new Builder(this, sipCase, plan, patient, history, language).Build();
    }

    /// <summary>A name-based id (RFC 4122 version 5 layout over SHA-256): the same name gives the same id every time.</summary>
    internal static Guid NameBasedId(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private sealed class Builder(SipFhirExporter exporter, SipCase c, SipPlan? plan, FhirPatientIdentifier patient, IReadOnlyList<SipEvent> history, SipLanguage language)
    {
        private readonly Bundle _bundle = new() { Type = Bundle.BundleType.Collection };
        private readonly SipFhirExportOptions _o = exporter._options;
        private readonly bool _protected = c.Individual.HasProtectedIdentity;
        private readonly bool _sv = language == SipLanguage.Swedish;

        private string T(string sv, string en) => _sv ? sv : en;

        private ResourceReference Subject => new() { Identifier = new Identifier(patient.System, patient.Value) };

        public Bundle Build()
        {
            _bundle.Id = Id("bundle").ToString("D");
            var carePlanUrl = Url("careplan");
            var careTeamUrl = Url("careteam");
            var goals = (plan?.Goals ?? []).Select(g => (Url("goal", g.Id.ToString()), g)).ToList();
            var document = plan is null ? null : Url("document", plan.Revision.ToString(CultureInfo.InvariantCulture));

            var carePlan = new CarePlan
            {
                Status = plan is not null && plan != c.Plan ? RequestStatus.Revoked : SipFhirExporter.StatusOf(c.State, c.Closure),
                Intent = CarePlan.CarePlanIntent.Plan,
                Category = [new CodeableConcept($"{_o.LocalCodeSystemBase}:careplan-category", "SIP", "Samordnad individuell plan")],
                Title = T("Samordnad individuell plan (SIP)", "Coordinated individual plan (SIP)"),
                Description = plan?.WhatMattersToIndividual,
                Subject = Subject,
                // FHIR forbids an empty element: a draft that was never closed has no period yet.
                Period = plan is null && c.Closure is null ? null : new Period
                {
                    Start = plan is null ? null : Moment(plan.EstablishedAt),
                    End = c.Closure is { } closed ? Moment(closed.ClosedAt) : null,
                },
                Created = plan is null ? Moment(c.OpenedAt) : Moment(plan.EstablishedAt),
                Author = Lead() is { } lead ? Organisation(lead.Organisation) : null,
                CareTeam = [new ResourceReference(careTeamUrl)],
                Goal = [.. goals.Select(g => new ResourceReference(g.Item1))],
                SupportingInfo = document is null ? [] : [new ResourceReference(document)],
                Activity = [.. (plan?.Interventions ?? []).Select(Activity)],
                Identifier = [new Identifier($"{_o.LocalCodeSystemBase}:case", c.Id.ToString())],
                Text = new Narrative
                {
                    Status = Narrative.NarrativeStatus.Generated,
                    Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + Xhtml(T("Samordnad individuell plan (SIP)", "Coordinated individual plan (SIP)"))
                        + (plan is null ? string.Empty : ", " + Xhtml(T("version", "revision")) + " " + plan.Revision.ToString(CultureInfo.InvariantCulture)) + "</p></div>",
                },
            };
            Add(carePlanUrl, carePlan);

            foreach (var (url, goal) in goals)
            {
                Add(url, new FhirGoal
                {
                    LifecycleStatus = c.IsOpen ? FhirGoal.GoalLifecycleStatus.Active : FhirGoal.GoalLifecycleStatus.Completed,
                    Category = [new CodeableConcept($"{_o.LocalCodeSystemBase}:goal-horizon", goal.Horizon == GoalHorizon.LongTerm ? "long-term" : "short-term")],
                    Description = new CodeableConcept { Text = goal.Text },
                    Subject = Subject,
                });
            }

            Add(careTeamUrl, BuildCareTeam());
            if (plan is not null)
            {
                Add(document!, BuildDocument(plan));
            }

            foreach (var consent in c.Consents)
            {
                foreach (var scope in new[] { ConsentScope.InformationSharing, ConsentScope.PlanEstablishment }.Where(s => consent.Scope.HasFlag(s)))
                {
                    Add(Url("consent", $"{consent.Id}:{scope}"), BuildConsent(consent, scope));
                }
            }

            foreach (var meeting in c.Meetings)
            {
                Add(Url("appointment", meeting.Id.ToString()), BuildAppointment(meeting));
            }

            foreach (var summons in c.SummonsSent)
            {
                Add(Url("task-summons", Moment(summons.SentAt) + summons.MeetingId), new FhirTask
                {
                    Status = FhirTask.TaskStatus.Completed,
                    Intent = FhirTask.TaskIntent.Order,
                    Code = new CodeableConcept { Text = T("Kallelse till SIP-möte", "Summons to a SIP meeting") },
                    Focus = new ResourceReference(Url("appointment", summons.MeetingId.ToString())),
                    For = Subject,
                    AuthoredOn = Moment(summons.SentAt),
                    BasedOn = [new ResourceReference(carePlanUrl)],
                });
            }

            foreach (var followUp in c.FollowUps)
            {
                Add(Url("task-follow-up", followUp.Id.ToString()), new FhirTask
                {
                    Status = FhirTask.TaskStatus.Completed,
                    Intent = FhirTask.TaskIntent.Plan,
                    Code = new CodeableConcept { Text = T("Uppföljning av planen", "Follow-up of the plan") },
                    For = Subject,
                    ExecutionPeriod = new Period { Start = Moment(followUp.HeldAt), End = Moment(followUp.HeldAt) },
                    BasedOn = [new ResourceReference(carePlanUrl)],
                });
            }

            if (c.FollowUpBooking is { } booking)
            {
                Add(Url("task-follow-up-booked"), new FhirTask
                {
                    Status = FhirTask.TaskStatus.Requested,
                    Intent = FhirTask.TaskIntent.Plan,
                    Code = new CodeableConcept { Text = T("Bokad uppföljning", "Booked follow-up") },
                    Description = _protected ? null : booking.Place,
                    For = Subject,
                    Restriction = new FhirTask.RestrictionComponent { Period = new Period { End = Moment(booking.At) } },
                    BasedOn = [new ResourceReference(carePlanUrl)],
                });
            }

            foreach (var e in history)
            {
                Add(Url("provenance", e.Sequence.ToString(CultureInfo.InvariantCulture)), new Provenance
                {
                    Target = [new ResourceReference(carePlanUrl)],
                    Recorded = e.OccurredAt,
                    Activity = new CodeableConcept { Text = e.EventType },
                    Agent = [new Provenance.AgentComponent { Who = new ResourceReference { Display = $"{e.Actor.UserId} ({e.Actor.Organisation})" } }],
                    Extension = [new Extension($"{_o.LocalCodeSystemBase}:history-hash", new FhirString(e.Hash))],
                });
            }

            return _bundle;
        }

        private LeadPrincipal? Lead() => plan?.LeadPrincipal ?? c.LeadPrincipal;

        private CareTeam BuildCareTeam()
        {
            var team = new CareTeam { Status = c.IsOpen ? CareTeam.CareTeamStatus.Active : CareTeam.CareTeamStatus.Inactive, Subject = Subject, Name = T("SIP-deltagare", "SIP participants") };
            foreach (var p in c.Participants.Where(p => p.IsActive))
            {
                team.Participant.Add(new CareTeam.ParticipantComponent
                {
                    Role = [Role(p.Role == ParticipationRole.Called ? "called" : "invited", p.Role == ParticipationRole.Called ? T("Kallad", "Called") : T("Inbjuden", "Invited"))],
                    Member = Organisation(p.Organisation),
                });
            }

            if (Lead() is { } lead)
            {
                team.Participant.Add(new CareTeam.ParticipantComponent { Role = [Role("lead-principal", T("Huvudansvarig", "Lead principal"))], Member = Organisation(lead.Organisation) });
                if (lead.Coordinator is { } coordinator)
                {
                    team.Participant.Add(new CareTeam.ParticipantComponent
                    {
                        Role = [Role("coordinator", T("Samordnare", "Coordinator"))],
                        Member = new ResourceReference { Display = coordinator.Name },
                        OnBehalfOf = Organisation(lead.Organisation),
                    });
                }
            }

            return team;
        }

        private CodeableConcept Role(string code, string display) => new($"{_o.LocalCodeSystemBase}:careteam-role", code, display);

        private CarePlan.ActivityComponent Activity(Intervention line) => new()
        {
            Detail = new CarePlan.DetailComponent
            {
                Status = InterventionStatusOf(line) switch
                {
                    InterventionStatus.Ongoing => CarePlan.CarePlanActivityStatus.InProgress,
                    InterventionStatus.Done => CarePlan.CarePlanActivityStatus.Completed,
                    InterventionStatus.Cancelled => CarePlan.CarePlanActivityStatus.Cancelled,
                    _ => CarePlan.CarePlanActivityStatus.NotStarted,
                },
                Description = line.What,
                Scheduled = line.When is { } when ? new FhirString(when) : null,
                Location = _protected || line.Where is null ? null : new ResourceReference { Display = line.Where },
                Performer = [line.PerformedBy is { } id && c.FindParticipant(id) is { } by
                    ? Organisation(by.Organisation)
                    : new ResourceReference { Display = line.Responsible.ToString() }],
                Code = new CodeableConcept { Text = line.IsByPrincipal ? T("Insats", "Intervention") : T("Åtgärd", "Action") },
            },
        };

        private InterventionStatus InterventionStatusOf(Intervention line)
            => c.InterventionStatusChanges.LastOrDefault(x => x.InterventionId == line.Id && x.PlanRevision == plan!.Revision)?.Status ?? line.Status;

        private DocumentReference BuildDocument(SipPlan revision) => new()
        {
            Status = DocumentReferenceStatus.Current,
            Subject = Subject,
            Date = revision.EstablishedAt,
            Description = T("Planen som dokument", "The plan as a document"),
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = "text/html; charset=utf-8",
                        Language = _sv ? "sv" : "en",
                        Data = Encoding.UTF8.GetBytes(SipPlanDocument.Render(c, revision.Revision, PlanDocumentAudience.Participants, language)),
                        Title = T("Samordnad individuell plan", "Coordinated individual plan"),
                    },
                },
            ],
        };

        private FhirConsent BuildConsent(SipConsent consent, ConsentScope scope) => new()
        {
            Status = consent.Covers(scope) ? FhirConsent.ConsentState.Active : FhirConsent.ConsentState.Inactive,
            Scope = scope == ConsentScope.InformationSharing
                ? new CodeableConcept(ConsentScopeSystem, "patient-privacy", "Privacy Consent")
                : new CodeableConcept(ConsentScopeSystem, "treatment", "Treatment"),
            Category = [new CodeableConcept(LoincSystem, "59284-0", "Patient Consent")],
            Patient = Subject,
            DateTime = Moment(consent.GivenAt),
            Performer = [consent.GivenBy == ConsentGiver.Individual ? Subject : new ResourceReference { Display = consent.GivenBy.ToString() }],
            PolicyRule = new CodeableConcept
            {
                Text = (scope == ConsentScope.InformationSharing ? SipRequirements.ConsentInformationSharing : SipRequirements.ConsentPlanEstablishment)
                    .CitationOn(SipLegalReferences.SwedishDateOf(consent.GivenAt)),
            },
        };

        private Appointment BuildAppointment(Meeting meeting)
        {
            var appointment = new Appointment
            {
                Status = meeting.IsHeld ? Hl7.Fhir.Model.Appointment.AppointmentStatus.Fulfilled : Hl7.Fhir.Model.Appointment.AppointmentStatus.Booked,
                Start = meeting.StartsAt,
                End = meeting.StartsAt + meeting.Duration,
                Description = meeting.Purpose switch
                {
                    MeetingPurpose.FollowUpMeeting => T("Uppföljningsmöte", "Follow-up meeting"),
                    MeetingPurpose.PreMeeting => T("Förmöte", "Pre-meeting"),
                    _ => T("SIP-möte", "SIP meeting"),
                },
                Participant =
                [
                    new Appointment.ParticipantComponent
                    {
                        Actor = Subject, Required = Appointment.ParticipantRequired.Required, Status = ParticipationStatus.Accepted,
                    },
                ],
            };
            var summoned = c.SummonsSent.LastOrDefault(x => x.MeetingId == meeting.Id) is { } summons ? summons.Called.Concat(summons.Invited).ToHashSet() : [];
            foreach (var p in c.Participants.Where(p => summoned.Contains(p.Id) || meeting.Attendance.Any(a => a.ParticipantId == p.Id)))
            {
                var reply = c.SummonsReplies.LastOrDefault(r => r.MeetingId == meeting.Id && r.ParticipantId == p.Id);
                appointment.Participant.Add(new Appointment.ParticipantComponent
                {
                    Actor = Organisation(p.Organisation),
                    Required = p.Role == ParticipationRole.Called ? Hl7.Fhir.Model.Appointment.ParticipantRequired.Required : Hl7.Fhir.Model.Appointment.ParticipantRequired.Optional,
                    Status = reply?.Answer switch
                    {
                        SummonsAnswer.Accepted or SummonsAnswer.SubstituteNamed => ParticipationStatus.Accepted,
                        SummonsAnswer.Declined or SummonsAnswer.Forwarded => ParticipationStatus.Declined,
                        _ => ParticipationStatus.NeedsAction,
                    },
                });
            }

            return appointment;
        }

        private ResourceReference Organisation(OrganisationReference unit) => new()
        {
            Display = unit.Name,
            Identifier = unit.Identifier is { } id ? new Identifier(_o.OrganisationIdentifierSystem, id) : null,
        };

        private void Add(string url, Resource resource)
        {
            resource.Id = url["urn:uuid:".Length..];
            if (_protected)
            {
                resource.Meta = new Meta { Security = [new Coding(ConfidentialitySystem, "R", "restricted")] };
            }

            _bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = resource });
        }

        private string Url(string kind, string? key = null) => "urn:uuid:" + Id(key is null ? kind : kind + ":" + key).ToString("D");

        // A name-based id (RFC 4122 version 5 layout over SHA-256): the same case exports with the same ids every time.
        private Guid Id(string name) => NameBasedId(c.Id + ":" + name);

        private static string Moment(DateTimeOffset at) => new FhirDateTime(at).Value!;

        private static string Xhtml(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
