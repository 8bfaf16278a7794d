using Sip.Workflow.Internal;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Tests.Documentation;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// Documents written by an earlier version are checked in under <c>Storage/Documents/</c> and must read back, and
/// verify, in every later version: a stored SIP is a health-care audit record that has to stay readable and closable.
/// Regenerate only for a new document version (SIP_WRITE_GOLDEN=1 writes <c>v{version}</c>; never overwrite an older one).
/// </summary>
public sealed class GoldenDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Folder(int version) => Path.Combine(ReadmeTests.Root(), "tests", "Sip.Workflow.Tests", "Storage", "Documents", $"v{version}");

    public static TheoryData<int> Versions() => [.. Enumerable.Range(1, SipJson.CaseDocumentVersion)];

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_case_and_its_history_written_by_an_earlier_version_read_back_and_verify(int version)
    {
        if (version == SipJson.CaseDocumentVersion && Environment.GetEnvironmentVariable("SIP_WRITE_GOLDEN") == "1")
        {
            await WriteAsync(Folder(version));
        }

        var folder = Folder(version);
        var sipCase = SipJson.DeserializeCase(await File.ReadAllTextAsync(Path.Combine(folder, "case.json"), Ct));
        var history = (await File.ReadAllLinesAsync(Path.Combine(folder, "events.jsonl"), Ct)).Where(l => l.Length > 0).Select(SipJson.DeserializeEvent).ToList();

        SipAuditChain.Verify(history, sipCase).Should().Be(SipAuditVerification.Intact);
        sipCase.State.Should().Be(SipState.FollowUp);
        sipCase.Version.Should().Be(history.Count);
        sipCase.OpenDeadlines.Should().BeNull("it was sealed before the open deadlines were kept: due work works them out from the whole case");
        sipCase.PlanRevisions.Should().ContainSingle().Which.Goals.Should().NotBeEmpty();
        sipCase.Participants.Should().Contain(p => p.Role == ParticipationRole.Called && p.Substitute != null);
        sipCase.Consents.Should().ContainSingle().Which.Scope.Should().Be(ConsentScope.All);
        history.Select(e => e.EventType).Should().StartWith([SipEventTypes.CaseOpened, SipEventTypes.ConsentRecorded]);
        if (version >= 2)
        {
            // Version 2: what a consent covers and how it was withdrawn, and the facts about parties and the individual.
            var consent = sipCase.Consents.Single();
            consent.Parties.ExceptKinds.Should().Equal(ParticipantKind.Police);
            consent.Withdrawals.Should().ContainSingle().Which.Party!.Name.Should().Be("Dotter");
            sipCase.Participants.Single(p => p.Kind == ParticipantKind.NextOfKin).Should().Match<Participant>(p => p.ConsentWithdrawnAt != null && p.KinAssessment!.JudgedSuitable);
            sipCase.Participants.Single(p => p.Kind == ParticipantKind.School).SchoolPrincipal.Should().Be(SchoolPrincipal.Municipality);
            sipCase.Individual.BirthYearMonth.Should().Be(new SipYearMonth(1950, 5));

            // And the lifecycle: replies, meeting roles, needs, statuses, a changed situation, the revision's own lead.
            sipCase.SummonsReplies.Should().ContainSingle().Which.Answer.Should().Be(SummonsAnswer.Accepted);
            sipCase.PlanMeeting!.Leader!.Name.Should().Be("Eva Berg");
            sipCase.PlanMeeting.ExpectedContributions.Should().ContainSingle();
            sipCase.Plan!.Needs.Should().ContainSingle();
            sipCase.Plan.LeadPrincipal.Should().NotBeNull();
            sipCase.StatusOf(sipCase.Plan.Interventions[0].Id).Should().Be(InterventionStatus.Ongoing);
            sipCase.SituationChanges.Should().ContainSingle();
            sipCase.FollowUps.Should().ContainSingle().Which.Outcome.Should().BeNull();
        }
    }

    [Fact]
    public async Task A_stored_case_whose_text_exceeds_todays_limits_still_reads_verifies_and_can_be_closed()
    {
        // Written under an older, looser rule: an interpreter language far over today's limit. Build the document as that
        // version would have written it, with a hash chain that holds over it.
        var s = new SipScenario();
        var opened = await s.ConsentedAsync();
        var stored = SipJson.SerializeCase(opened);
        var longer = new string('a', SipLimits.NameMaxLength * 3);
        var loosened = SipJson.DeserializeCase(stored.Replace("\"reference\":", $"\"interpreterLanguage\":\"{longer}\",\"reference\":", StringComparison.Ordinal));
        loosened.Individual.InterpreterLanguage.Should().Be(longer, "the trusted read path applies no host-input limit");
        var resealed = await ResealAsync(s, loosened);

        var readBack = SipJson.DeserializeCase(SipJson.SerializeCase(resealed.Case));
        readBack.Individual.InterpreterLanguage.Should().HaveLength(longer.Length);
        SipAuditChain.Verify(resealed.History, readBack).Should().Be(SipAuditVerification.Intact);

        // And a caseworker can still act on it: the store hands the engine the case, and the engine closes it.
        var store = new Sip.Workflow.InMemory.InMemorySipCaseStore();
        await store.CreateAsync(readBack, resealed.History[0], Ct);
        var w = new SipWorkflow(store, timeProvider: s.Time);
        var declined = await w.DeclineOfferAsync(new DeclineOffer { CaseId = readBack.Id, Actor = s.Actor }, Ct);
        declined.Case.State.Should().Be(SipState.Closed);
        (await w.VerifyHistoryAsync(readBack.Id, Ct)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task A_stored_case_verifies_by_the_text_stored_not_by_how_this_version_would_write_it()
    {
        // Written by a version that put members in another order and had a member this one no longer knows, then
        // reformatted by the database (as jsonb does: keys reordered, whitespace and escapes changed). Nothing was
        // tampered with, so it verifies; the hash is over the canonical form of what was stored (RFC 8785).
        var s = new SipScenario();
        var written = await s.ConsentedAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse(SipJson.SerializeCase(written))!["case"]!.AsObject();
        body["retiredMember"] = new System.Text.Json.Nodes.JsonObject { ["kept"] = "för alltid" };
        body["version"] = 1; // the one-event history below
        var olderBody = Reversed(body);
        var sealedOlder = Reseal(s, written, Hex(SipCanonicalJson.Canonicalize(olderBody.ToJsonString())));
        var stored = new System.Text.Json.Nodes.JsonObject
        {
            ["case"] = olderBody.DeepClone(),
            ["historyHead"] = sealedOlder.Hash,
            ["documentVersion"] = 1,
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        var read = SipJson.DeserializeCase(stored);
        var tampered = SipJson.DeserializeCase(stored.Replace("patient-7f3a", "patient-0000", StringComparison.Ordinal));

        SipAuditChain.Verify([sealedOlder], read).Should().Be(SipAuditVerification.Intact);
        SipAuditChain.Verify([sealedOlder], tampered).IsIntact.Should().BeFalse("the content check still sees a changed value");
        await Task.CompletedTask;
    }

    private static System.Text.Json.Nodes.JsonNode Reversed(System.Text.Json.Nodes.JsonNode node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Reversed(p.Value)))),
        System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray([.. a.Select(i => i is null ? null : Reversed(i))]),
        _ => node.DeepClone(),
    };

    private static string Hex(byte[] canonical) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonical));

    // The opening event an older version would have sealed over a case body whose hash it computed.
    private static SipEvent Reseal(SipScenario s, SipCase c, string caseHash)
    {
        var opened = new SipEvent
        {
            CaseId = c.Id, CaseHash = caseHash, Sequence = 1, EventType = SipEventTypes.CaseOpened, ToState = c.State, Actor = s.Actor,
            OccurredAt = c.OpenedAt, PreviousHash = string.Empty, Hash = string.Empty,
        };
        return opened with { Hash = SipAuditChain.ComputeHash(opened) };
    }

    [Fact]
    public async Task A_stored_meeting_outside_todays_time_frame_still_reads()
    {
        // Were the time frame ever narrowed, meetings stored under the old frame must still read.
        var json = await File.ReadAllTextAsync(Path.Combine(Folder(1), "case.json"), Ct);
        var stored = SipJson.DeserializeCase(json.Replace("\"duration\":\"01:30:00\"", "\"duration\":\"09:00:00\"", StringComparison.Ordinal));
        stored.Meetings.Should().Contain(m => m.Duration == TimeSpan.FromHours(9));
    }

    [Fact]
    public void Host_input_rules_still_apply_to_what_a_host_hands_in()
    {
        var tooLong = () => new Individual { Reference = new SubjectReference("p-1"), InterpreterLanguage = new string('a', SipLimits.NameMaxLength + 1) };
        tooLong.Should().Throw<ArgumentException>().WithParameterName(nameof(Individual.InterpreterLanguage));
        Check.IsTrusted.Should().BeFalse("reading a document leaves the trusted path behind it");
    }

    // Rebuilds a one-event history over a case as an older version would have sealed it.
    private static Task<(SipCase Case, IReadOnlyList<SipEvent> History)> ResealAsync(SipScenario s, SipCase loosened)
    {
        var body = loosened with { Version = 1, HistoryHead = null };
        var opened = new SipEvent
        {
            CaseId = body.Id,
            CaseHash = SipAuditChain.ComputeCaseHash(body, hashForm: 1),
            Sequence = 1,
            EventType = SipEventTypes.CaseOpened,
            ToState = body.State,
            Actor = s.Actor,
            OccurredAt = body.OpenedAt,
            PreviousHash = string.Empty,
            Hash = string.Empty,
        };
        var sealedEvent = opened with { Hash = SipAuditChain.ComputeHash(opened) };
        return Task.FromResult<(SipCase, IReadOnlyList<SipEvent>)>((body with { HistoryHead = sealedEvent.Hash }, [sealedEvent]));
    }

    private static async Task WriteAsync(string folder)
    {
        // Fixed clock, ids from the scenario: the content does not matter, only that this version wrote it.
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var opened = await s.OpenAsync(SipTestData.Adult() with { HasProtectedIdentity = true, InterpreterLanguage = "arabiska", BirthYearMonth = new SipYearMonth(1950, 5) },
            CaseOrigin.InpatientDischarge(SipTestData.Start.AddHours(-5)));
        await s.Workflow.RecordConsentAsync(new RecordConsent
        {
            CaseId = opened.Id, Actor = s.Actor,
            Consent = SipTestData.OwnConsent(s.Time.GetUtcNow()) with { Parties = new ConsentParties { ExceptKinds = [ParticipantKind.Police] } },
        }, Ct);
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = opened.Id, Actor = s.Actor }, Ct);
        await s.AddAsync(opened.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.AddAsync(opened.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        var daughter = new OrganisationReference { Name = "Dotter" };
        await s.Workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = opened.Id, Actor = s.Actor,
            Participant = new Participant { Kind = ParticipantKind.NextOfKin, Organisation = daughter, KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow()) },
        }, Ct);
        await s.Workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = opened.Id, Actor = s.Actor,
            Participant = new Participant { Kind = ParticipantKind.School, Organisation = SipTestData.SchoolUnit, SchoolPrincipal = SchoolPrincipal.Municipality },
        }, Ct);
        await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = opened.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, Party = daughter }, Ct);
        var prepared = (await s.Workflow.GetCaseAsync(opened.Id, Ct))!;
        var socialId = prepared.Participants.Single(p => p.Kind == ParticipantKind.SocialServices).Id;
        await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting
        {
            CaseId = opened.Id, Actor = s.Actor,
            Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(7)) with
            {
                Leader = new ContactPerson { Name = "Eva Berg", Title = "distriktssköterska" },
                ExpectedContributions = [new ExpectedContribution { ParticipantId = socialId, Contribution = "Bedömning av hemtjänst." }],
            },
        }, Ct);
        var c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = opened.Id, Actor = s.Actor }, Ct)).Case;
        await s.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
        {
            CaseId = c.Id, Actor = s.Actor,
            Reply = new SummonsReply
            {
                MeetingId = c.PlanMeeting!.Id, ParticipantId = socialId, Answer = SummonsAnswer.Accepted,
                Attendee = new ContactPerson { Name = "Omar Said" }, AttendeeHasMandateToDecide = true,
            },
        }, Ct);
        s.Time.SetUtcNow(c.PlanMeeting!.StartsAt);
        var social = c.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        await s.Workflow.ChangeParticipantAsync(new ChangeParticipant
        {
            CaseId = c.Id, Actor = s.Actor, ParticipantId = social.Id,
            Substitute = new Substitute { Person = new ContactPerson { Name = "Per Ek", Title = "enhetschef" }, HasMandateToDecide = true },
        }, Ct);
        await s.Workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = c.Id, Actor = s.Actor, MeetingId = c.PlanMeeting!.Id,
            Attendance = [.. c.ActiveParticipants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
        }, Ct);
        var need = new Need { Id = NeedId.New(), Text = "Trygghet om kvällarna." };
        var complete = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3));
        var established = (await s.Workflow.EstablishPlanAsync(complete with
        {
            Plan = complete.Plan with { Needs = [need], Goals = [.. complete.Plan.Goals.Select(g => g with { NeedId = need.Id })] },
        }, Ct)).Case;
        await s.Workflow.UpdateInterventionStatusAsync(new UpdateInterventionStatus
        {
            CaseId = c.Id, Actor = s.Actor, Change = new InterventionStatusChange { InterventionId = established.Plan!.Interventions[0].Id, Status = InterventionStatus.Ongoing },
        }, Ct);
        s.Time.Advance(TimeSpan.FromDays(50));
        await s.Workflow.RecordSituationChangeAsync(new RecordSituationChange
        {
            CaseId = c.Id, Actor = s.Actor, Change = new SituationChange { OccurredAt = s.Time.GetUtcNow(), Description = "Har fallit i hemmet." },
        }, Ct);
        s.Time.Advance(TimeSpan.FromDays(10));
        await s.Workflow.RecordFollowUpAsync(new RecordFollowUp
        {
            CaseId = c.Id, Actor = s.Actor,
            FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Går framåt.\nBehöver mer stöd kvällstid.", AnotherInterventionNeeded = true },
        }, Ct);
        await s.Workflow.RecordDeviationAsync(new RecordDeviation
        {
            CaseId = c.Id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.PlanNotFollowed, Description = "Kvällsbesöken uteblev två gånger." },
        }, Ct);
        var stored = (await s.Workflow.GetCaseAsync(c.Id, Ct))!;
        var history = await s.Workflow.GetHistoryAsync(c.Id, Ct);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "case.json"), SipJson.SerializeCase(stored) + "\n", Ct);
        await File.WriteAllLinesAsync(Path.Combine(folder, "events.jsonl"), history.Select(SipJson.SerializeEvent), Ct);
    }
}
