using System.Collections;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sip.Workflow.InMemory;
using Sip.Workflow.PostgreSql;
using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;
using Sip.Workflow.Tests.Domain;
using Sip.Workflow.Tests.Documentation;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Json;

/// <summary>
/// The JSON contract a host's HTTP API is built on: every public data type of the packages round-trips through
/// System.Text.Json with plain <see cref="JsonSerializerOptions.Web"/> — no converter added by the host — to an equal
/// value, enums are written by pinned names and ids as plain strings. A new public type is covered as soon as it exists:
/// without a sample here (or a reason it is not data) the first test fails.
/// </summary>
public sealed class JsonContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The packages a host references; the Testing package is for store vendors' test suites, not a host's API.</summary>
    private static readonly Assembly[] Packages =
    [
        typeof(SipCase).Assembly, typeof(SqliteSipCaseStore).Assembly, typeof(PostgreSqlSipCaseStore).Assembly, typeof(InMemorySipCaseStore).Assembly,
    ];

    /// <summary>Public concrete types that are not data a host would send over HTTP, each with the reason.</summary>
    private static readonly Dictionary<Type, string> NotData = new()
    {
        [typeof(SipWorkflow)] = "the engine: a service, not a value",
        [typeof(SipProcess)] = "the state machine built from a policy: send the SipPolicy instead",
        [typeof(InMemorySipCaseStore)] = "a store: a service, not a value",
        [typeof(SqliteSipCaseStore)] = "a store: a service, not a value",
        [typeof(PostgreSqlSipCaseStore)] = "a store: a service, not a value",
        [typeof(SipWorkflowOptions)] = "engine configuration holding the audit keys (secrets)",
        [typeof(SipAuditKeyRing)] = "holds the audit keys (secrets)",
        [typeof(SqliteStoreOptions)] = "store configuration: a connection string, never sent over HTTP",
        [typeof(PostgreSqlStoreOptions)] = "store configuration: a connection string with credentials, never sent over HTTP",
        [typeof(SipCommand)] = "abstract: each concrete command round-trips",
        [typeof(SipCaseCommand)] = "abstract: each concrete command round-trips",
        [typeof(PlanCommand)] = "abstract: each concrete command round-trips",
        [typeof(SipCaseStoreDecorator)] = "abstract: a base class for a host's store decorators, a service",
        [typeof(SipEventSubscriberOptions)] = "a hosted subscriber's configuration, set in code at registration",
        [typeof(SipSubscriptionLease)] = "a held lease over a connection or a row: a service, not a value",
        [typeof(Sip.Workflow.Exchange.SipExchange)] = "the exchange between two systems: a service, not a value (its messages are data)",
        [typeof(Sip.Workflow.Exchange.SipExchangeOptions)] = "the exchange's configuration, with a delegate: set in code",
        [typeof(Sip.Workflow.Exchange.SipExchangeReceipt)] = "a call's result holding the receiving case, as SipCommandResult's does; over a wire send its ids and outcome",
        [typeof(SipAccessRules)] = "engine configuration (SipWorkflowOptions.Access), set in code by the host",
        [typeof(SipAccessRequest)] = "what the engine hands its access rules in process: never stored or sent",
        [typeof(SipAccessDecision)] = "what the access rules hand back in process: never stored or sent",
        [typeof(SipListScope)] = "which cases a list may select, handed by the access rules to the engine in process: never stored or sent",
        [typeof(SipCaseIndex)] = "a store's indexed columns, computed from a case (SipCaseIndex.Of): store plumbing, never a host's value",
        [typeof(SipCaseItem)] = "one stored element of a case's growing lists, computed from a case (SipCaseItems.Changes): store plumbing, never a host's value",
        [typeof(SipIndicators)] = "the indicator service: a service, not a value",
        [typeof(SipIndicatorOptions)] = "the indicators' configuration, set in code",
        [typeof(SipIndicatorDimensions)] = "the indicator projection's stored dimensions: store plumbing, never a host's value",
        [typeof(SipIndicatorContribution)] = "the indicator projection's stored contributions: store plumbing",
        [typeof(SipIndicatorDeadline)] = "the indicator projection's stored deadlines: store plumbing",
        [typeof(SipIndicatorCell)] = "the indicator projection's stored sums: store plumbing",
        [typeof(SipIndicatorDueCount)] = "the indicator projection's deadline counts: store plumbing",
        [typeof(SipIndicatorCaseRow)] = "the indicator projection's row of a case: store plumbing",
        [typeof(SipIndicatorChange)] = "a step of the indicator projection: store plumbing",
    };

    /// <summary>Every public type of the packages that is data: not an interface, static class, exception, delegate or listed in <see cref="NotData"/>.</summary>
    private static IEnumerable<Type> DataTypes()
        => Packages.SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.IsInterface && !(t.IsAbstract && t.IsSealed) && !t.IsGenericTypeDefinition)
            .Where(t => !typeof(Exception).IsAssignableFrom(t) && !typeof(Delegate).IsAssignableFrom(t))
            .Where(t => !NotData.ContainsKey(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    /// <summary>The option sets every value must round-trip under.</summary>
    private static readonly Dictionary<string, JsonSerializerOptions> OptionSets = new()
    {
        // What ASP.NET Core uses unless the host changes it: the contract must hold without any converter of ours added.
        ["Web"] = JsonSerializerOptions.Web,

        // The conventions the library's own documents are written in (SipJson): members that are null left out, non-ASCII
        // text as it is. Leaving a member out must read back as the same value, not as a different default.
        ["SipJson conventions"] = new(JsonSerializerOptions.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        },
    };

    [Fact]
    public async Task Every_public_data_type_has_a_sample_or_a_reason_it_is_not_data()
    {
        var samples = await SamplesAsync();
        var missing = DataTypes().Where(t => !t.IsEnum && !samples.ContainsKey(t)).Select(t => t.FullName).ToList();
        missing.Should().BeEmpty("every public data type needs a sample in JsonContractTests (or HostileInputTests) so its JSON round trip is proven");
        NotData.Keys.Should().OnlyContain(t => t.IsPublic, "an exclusion names a public type");
    }

    public static TheoryData<string> DataTypeNames() => [.. DataTypes().Where(t => !t.IsEnum).Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(DataTypeNames))]
    public async Task A_public_data_type_round_trips_to_an_equal_value(string typeName)
    {
        var type = DataTypes().Single(t => t.FullName == typeName);
        var samples = await SamplesAsync();
        samples.Should().ContainKey(type, "every public data type needs a sample");

        foreach (var ((name, options), sample) in OptionSets.SelectMany(o => samples[type].Select(s => (o, s))))
        {
            var json = JsonSerializer.Serialize(sample, type, options);
            object? copy;
            try
            {
                copy = JsonSerializer.Deserialize(json, type, options);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                throw new Xunit.Sdk.XunitException($"{type.Name} does not read back under {name}: {e.Message}\n{json}", e);
            }

            copy.Should().NotBeNull();
            copy!.Equals(sample).Should().BeTrue($"{type.Name} read back under {name} equals the original\n{json}");
            JsonSerializer.Serialize(copy, type, options).Should().Be(json, $"{type.Name} written again under {name} gives the same JSON");
        }
    }

    [Fact]
    public async Task The_samples_populate_every_member_a_reader_sets()
    {
        // A member left empty in every sample is never proven to round-trip: every member STJ would set on reading is
        // given a value (not null, not empty, not the default) somewhere in the samples.
        var samples = await SamplesAsync();
        var seen = new HashSet<(Type, string)>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var sample in samples.Values.SelectMany(s => s))
        {
            Populated(sample, seen, visited);
        }

        var unset = new List<string>();
        foreach (var type in DataTypes().Where(t => !t.IsEnum))
        {
            var info = JsonSerializerOptions.Web.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object)
            {
                continue;
            }

            unset.AddRange(info.Properties.Where(p => (p.Set is not null || p.AssociatedParameter is not null) && !seen.Contains((DeclaringType(type, p), p.Name)))
                .Select(p => $"{DeclaringType(type, p).Name}.{p.Name}"));
        }

        unset.Distinct().Should().BeEmpty("a sample sets every member somewhere, so that each is proven to round-trip:\n" + string.Join("\n", unset.Distinct()));
    }

    private static void Populated(object? value, HashSet<(Type, string)> seen, HashSet<object> visited)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum || (!value.GetType().IsValueType && !visited.Add(value)))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                Populated(item is DictionaryEntry entry ? entry.Value : item, seen, visited);
            }

            return;
        }

        var type = value.GetType();
        if (!Packages.Contains(type.Assembly))
        {
            return;
        }

        var info = JsonSerializerOptions.Web.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.Get is not null))
        {
            var member = property.Get!(value);
            if (!IsEmpty(member))
            {
                seen.Add((DeclaringType(type, property), property.Name));
            }

            Populated(member, seen, visited);
        }
    }

    // A member a base type declares (a command's CommandId) is proven once, on any type that inherits it.
    private static Type DeclaringType(Type type, JsonPropertyInfo property) => (property.AttributeProvider as MemberInfo)?.DeclaringType ?? type;

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        ICollection c => c.Count == 0,
        IEnumerable e when value is not string => !e.Cast<object>().Any(),
        _ when value.GetType().IsValueType => value.Equals(Activator.CreateInstance(value.GetType())),
        _ => false,
    };

    [Fact]
    public void Every_public_enum_writes_its_pinned_names_under_plain_web_options()
    {
        DataTypes().Where(t => t.IsEnum).Should().BeEquivalentTo(PinnedNames.Keys, "every public enum has its written names pinned here");
        foreach (var (type, names) in PinnedNames)
        {
            var written = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, JsonSerializerOptions.Web)).ToList();
            written.Should().Equal(names.Select(n => $"\"{n}\""), $"{type.Name} is written by its pinned names, as strings: renaming a member is a visible break");
            foreach (var (value, json) in Enum.GetValues(type).Cast<object>().Zip(written))
            {
                JsonSerializer.Deserialize(json, type, JsonSerializerOptions.Web).Should().Be(value);
            }
        }
    }

    /// <summary>The names each public enum's members are written as; a change here changes the HTTP contract and the stored documents.</summary>
    private static readonly Dictionary<Type, string[]> PinnedNames = new()
    {
        [typeof(AttendanceStatus)] = ["Attended", "AttendedBySubstitute", "Absent"],
        [typeof(ClosureReason)] = ["CoordinationNoLongerNeeded", "NoNewNeedsExpected", "LongTermGoalChanged", "ConsentWithdrawn", "OfferDeclined", "Deceased", "MovedAway", "IndividualRequestedEnd", "NotStarted"],
        [typeof(ConsentForm)] = ["Written", "Oral", "Implied"],
        [typeof(ConsentGiver)] = ["Individual", "Proxy", "LegalGuardian", "CourtAppointedRepresentative", "SocialWelfareBoard"],
        [typeof(ConsentScope)] = ["None", "InformationSharing", "PlanEstablishment", "All"],
        [typeof(EvaluationRespondent)] = ["Individual", "NextOfKin", "Professional"],
        [typeof(DeviationKind)] = ["CalledPrincipalAbsent", "DeadlineMissed", "SummonsNotForwarded", "PlanNotFollowed", "Other"],
        [typeof(DiagramFormat)] = ["Mermaid", "Dot"],
        [typeof(FollowUpOutcome)] = ["Revised", "ContinuedUnchanged", "Closed", "ClosedForRestart"],
        [typeof(GoalHorizon)] = ["LongTerm", "ShortTerm"],
        [typeof(InterventionStatus)] = ["Planned", "Ongoing", "Done", "Cancelled"],
        [typeof(MeetingForm)] = ["OnPremises", "Digital", "Phone", "AtIndividualsHome"],
        [typeof(MeetingPurpose)] = ["PlanMeeting", "FollowUpMeeting", "PreMeeting"],
        [typeof(OriginKind)] = ["Outpatient", "InpatientDischarge", "School", "SocialServices"],
        [typeof(ParticipantKind)] = ["SocialServices", "RegionalHealthCare", "MunicipalHealthCare", "School", "SocialInsuranceAgency", "PublicEmploymentService", "PrisonAndProbationService", "NextOfKin", "GuardianAdLitem", "Interpreter", "VoluntaryOrganisation", "Police", "Other"],
        [typeof(ParticipationMode)] = ["InPerson", "Digital", "Phone", "InWriting"],
        [typeof(ParticipationRole)] = ["Called", "Invited"],
        [typeof(PlanDocumentAudience)] = ["Individual", "Participants", "Archive"],
        [typeof(PlanDistributionChannel)] = ["HandedOver", "Post", "SecureMessage", "PatientPortal", "Other"],
        [typeof(PlanRecipientKind)] = ["Individual", "Participant"],
        [typeof(PrincipalKind)] = ["Municipality", "Region"],
        [typeof(RequirementKind)] = ["Guard", "Deadline"],
        [typeof(RequirementSource)] = ["Law", "NationalGuidance", "RegionalAgreement", "SectorGuidance", "DerivedFromLaw"],
        [typeof(ResponsibleKind)] = ["Municipality", "Region", "OtherActor", "Individual"],
        [typeof(SchoolPrincipal)] = ["Municipality", "Independent"],
        [typeof(SipAuditFinding)] = ["None", "Broken", "RowMismatch", "RolledBack", "Missing", "TombstoneNotValid", "CheckpointNotValid", "AccessKeysStale"],
        [typeof(SipCaseIndexColumns)] = ["None", "State", "Subject", "Lead", "Deadline", "All"],
        [typeof(SipCaseLimit)] = ["DocumentSize", "EventCount"],
        [typeof(SipAccessAction)] = ["ReadCase", "ReadHistory", "ReadDocument", "Export", "List", "Open", "Act", "Close", "Revise", "ChangeLead", "Purge", "SystemRead"],
        [typeof(SipCaseRoles)] = ["None", "OpeningUnit", "CalledUnit", "InvitedActor", "LeadUnit", "Coordinator", "NamedUser", "Proxy"],
        [typeof(SipLanguage)] = ["Swedish", "English"],
        [typeof(SipPurgeRefusal)] = ["NotClosed", "RetentionNotPassed", "HistoryNotIntact", "RecordStillInUse"],
        [typeof(SipRecordKind)] = ["SocialServices", "Lss", "HealthCare"],
        [typeof(SipRequester)] = ["Individual", "NextOfKin", "OtherActor", "Staff"],
        [typeof(SipState)] = ["NeedIdentified", "Preparing", "Summoned", "PlanEstablished", "FollowUp", "Closed"],
        [typeof(SipTrigger)] = ["RecordConsent", "WithdrawConsent", "DeclineOffer", "StartPreparation", "AddParticipant", "ChangeParticipant", "ScheduleMeeting", "SendSummons", "ForwardSummons", "RecordAttendance", "AssignLeadPrincipal", "BookFollowUp", "EstablishPlan", "RecordFollowUp", "RevisePlan", "CloseCase", "CloseAndRestart", "RecordDeviation", "ChangeIndividual", "RecordAdmission", "AppointFixedCareContact", "RecordReadyForDischarge", "RevokeReadyForDischarge", "RecordDischarge", "DeclineToStart", "DocumentClosing", "ConfirmPlanUnchanged", "RecordSituationChange", "RecordHeldMeeting", "RecordSummonsReply", "UpdateInterventionStatus", "RecordInformationTransfer", "RecordPlanDistributed", "ApprovePlanForIndividual", "LinkExternalCase", "RecordSummonsDelivery", "RecordEvaluation", "RecordReceivedSummons"],
        [typeof(SqliteDurability)] = ["Full", "Normal"],
        [typeof(Sip.Workflow.Exchange.SipExchangeMessageKind)] = ["Summons", "SummonsAnswer", "PlanRevision", "Closing", "ConsentWithdrawal"],
        [typeof(Sip.Workflow.Exchange.SipExchangeOutcome)] = ["Applied", "AlreadyApplied"],
        [typeof(Sip.Workflow.Exchange.SipExchangeRefusal)] = ["Malformed", "UnsupportedSchema", "NotAddressedHere", "UnknownCase", "OutOfOrder", "RefusedByCase", "CaseChanged"],
        [typeof(SummonsAnswer)] = ["Accepted", "Declined", "SubstituteNamed", "Forwarded"],
        [typeof(SummonsDeliveryState)] = ["Pending", "Delivered", "Read", "Answered"],
    };

    public static TheoryData<string> IdTypeNames()
        => [.. DataTypes().Where(t => t.GetInterfaces().Contains(typeof(ISipId))).Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(IdTypeNames))]
    public void An_id_is_written_as_a_plain_string_under_plain_web_options(string typeName)
    {
        var type = DataTypes().Single(t => t.FullName == typeName);
        var guid = Guid.NewGuid();
        var id = type.GetMethod("From", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [guid])!;

        JsonSerializer.Serialize(id, type, JsonSerializerOptions.Web).Should().Be($"\"{guid:D}\"");
        JsonSerializer.Deserialize($"\"{guid:D}\"", type, JsonSerializerOptions.Web).Should().Be(id);
    }

    [Fact]
    public async Task A_case_written_under_plain_web_options_keeps_its_history_head()
    {
        var sipCase = (await SamplesAsync())[typeof(SipCase)][0];
        var head = ((SipCase)sipCase).HistoryHead;
        head.Should().NotBeNullOrEmpty();

        var json = JsonSerializer.Serialize(sipCase, JsonSerializerOptions.Web);
        json.Should().Contain($"\"historyHead\":\"{head}\"");
        JsonSerializer.Deserialize<SipCase>(json, JsonSerializerOptions.Web)!.HistoryHead.Should().Be(head);
    }

    [Fact]
    public async Task The_stored_case_document_still_holds_the_history_head_only_outside_the_case()
    {
        // The audit trail hashes the case body without its head (the head is derived from that very hash), so the
        // stored document keeps the head beside the body, never in it, whatever the public contract writes.
        var sipCase = (SipCase)(await SamplesAsync())[typeof(SipCase)][0];
        using var document = JsonDocument.Parse(SipJson.SerializeCase(sipCase));
        document.RootElement.GetProperty("historyHead").GetString().Should().Be(sipCase.HistoryHead);
        document.RootElement.GetProperty("case").TryGetProperty("historyHead", out _).Should().BeFalse();
    }

    [Fact]
    public async Task The_documents_sipjson_writes_read_back_equal()
    {
        var samples = await SamplesAsync();
        ReadsBackEqual(samples[typeof(SipCase)], SipJson.SerializeCase, SipJson.DeserializeCase);
        ReadsBackEqual(samples[typeof(SipEvent)], SipJson.SerializeEvent, SipJson.DeserializeEvent);
        ReadsBackEqual(samples[typeof(SipTombstone)], SipJson.SerializeTombstone, SipJson.DeserializeTombstone);
        ReadsBackEqual(samples[typeof(SipCaseCheckpoint)], SipJson.SerializeCheckpoint, SipJson.DeserializeCheckpoint);
        ReadsBackEqual(samples[typeof(SipStoreCheckpoint)], SipJson.SerializeStoreCheckpoint, SipJson.DeserializeStoreCheckpoint);
    }

    private static void ReadsBackEqual<T>(List<object> samples, Func<T, string> write, Func<string, T> read)
    {
        foreach (var sample in samples.Cast<T>())
        {
            read(write(sample)).Should().Be(sample);
        }
    }

    [Fact]
    public void A_requirement_reads_back_as_the_catalogue_instance_and_an_unknown_code_is_refused()
    {
        var json = JsonSerializer.Serialize(SipRequirements.ConsentPlanEstablishment, JsonSerializerOptions.Web);
        JsonSerializer.Deserialize<SipRequirement>(json, JsonSerializerOptions.Web).Should().BeSameAs(SipRequirements.ConsentPlanEstablishment);

        // The texts and citations come from the catalogue, never from the text read: a changed text cannot pass for the law.
        var altered = json.Replace(SipRequirements.ConsentPlanEstablishment.SwedishText, "Inget samtycke behövs", StringComparison.Ordinal);
        JsonSerializer.Deserialize<SipRequirement>(altered, JsonSerializerOptions.Web)!.SwedishText.Should().Be(SipRequirements.ConsentPlanEstablishment.SwedishText);

        var unknown = () => JsonSerializer.Deserialize<SipRequirement>("""{"code":"NO-SUCH-RULE"}""", JsonSerializerOptions.Web);
        unknown.Should().Throw<JsonException>().WithMessage("*NO-SUCH-RULE*");
        var noCode = () => JsonSerializer.Deserialize<SipRequirement>("""{"code":7}""", JsonSerializerOptions.Web);
        noCode.Should().Throw<JsonException>();
    }

    [Fact]
    public void A_retention_rule_reads_back_as_the_law_says_and_one_the_law_does_not_allow_is_refused()
    {
        var json = JsonSerializer.Serialize(SipRetentionRule.SocialServices, JsonSerializerOptions.Web);
        JsonSerializer.Deserialize<SipRetentionRule>(json, JsonSerializerOptions.Web).Should().BeSameAs(SipRetentionRule.SocialServices);

        // Social services must cull after five years: a rule read as keeping longer, or claiming no duty, is not the law's.
        var longer = () => JsonSerializer.Deserialize<SipRetentionRule>("""{"recordKind":"SocialServices","years":12}""", JsonSerializerOptions.Web);
        longer.Should().Throw<JsonException>();
        var shorter = () => JsonSerializer.Deserialize<SipRetentionRule>("""{"recordKind":"HealthCare","years":2}""", JsonSerializerOptions.Web);
        shorter.Should().Throw<JsonException>();
        JsonSerializer.Deserialize<SipRetentionRule>("""{"recordKind":"SocialServices","years":5,"cullingIsDuty":false}""", JsonSerializerOptions.Web)!
            .CullingIsDuty.Should().BeTrue();
    }

    [Fact]
    public void A_member_the_engine_stamps_reads_back_unstamped_but_refuses_an_absurd_value()
    {
        // A host's command holds the stamped members at their default until the engine sets them: that reads back, and
        // anything else is still checked.
        var json = JsonSerializer.Serialize(new SituationChange { OccurredAt = SipTestData.Start, Description = "Ändrat." }, JsonSerializerOptions.Web);
        JsonSerializer.Deserialize<SituationChange>(json, JsonSerializerOptions.Web)!.RecordedAt.Should().Be(default);

        var absurd = () => JsonSerializer.Deserialize<SituationChange>(json.Replace("0001-01-01T00:00:00+00:00", "1066-10-14T00:00:00+00:00", StringComparison.Ordinal), JsonSerializerOptions.Web);
        absurd.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(nameof(SituationChange.RecordedAt));
    }

    private static Task<Dictionary<Type, List<object>>>? s_samples;

    /// <summary>
    /// One fully populated instance of every public data type: the hosts' inputs from <see cref="HostileInputTests"/>,
    /// and what the engine and the stores hand out, taken from a real run (the golden case document of the current
    /// version is the richest case there is: every kind of record a case holds).
    /// </summary>
    private static Task<Dictionary<Type, List<object>>> SamplesAsync() => s_samples ??= BuildSamplesAsync();

    private static async Task<Dictionary<Type, List<object>>> BuildSamplesAsync()
    {
        var samples = HostileInputTests.Samples.ToDictionary(p => p.Key, p => new List<object> { p.Value() });
        var folder = Path.Combine(ReadmeTests.Root(), "tests", "Sip.Workflow.Tests", "Storage", "Documents", $"v{SipJson.CaseDocumentVersion}");
        var golden = SipJson.DeserializeCase(await File.ReadAllTextAsync(Path.Combine(folder, "case.json"), Ct));
        var history = (await File.ReadAllLinesAsync(Path.Combine(folder, "events.jsonl"), Ct)).Where(l => l.Length > 0).Select(SipJson.DeserializeEvent).ToList();
        // The golden history was written without command ids or an audit key: set them, for a sample only (its seal no longer holds).
        var richestEvent = history.MaxBy(e => e.Details.Count)! with { CommandId = CommandId.New(), CommandFingerprint = "9f86d081", AuditKeyId = "k1" };

        // A real run for what only the engine makes: permitted actions with unmet requirements, due work, checkpoints.
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var opened = await s.OpenAsync();
        var followedUp = await s.FollowedUpAsync();
        var actions = await s.Workflow.GetPermittedActionsAsync(opened.Id, SipLanguage.English, Ct);
        var refused = actions.First(a => !a.IsPermitted);
        s.Time.Advance(TimeSpan.FromDays(400));
        var dueWork = await s.Workflow.GetDueWorkAsync(s.Time.GetUtcNow(), pageSize: 1, cancellationToken: Ct);
        var checkpoint = await s.Workflow.GetCheckpointAsync(followedUp.Id, Ct);
        var storeVerification = await s.Workflow.VerifyStoreAsync(cancellationToken: Ct);
        var page = await s.Workflow.QueryCasesAsync(new SipCaseQuery { PageSize = 1 }, Ct);
        var feed = await s.Workflow.ReadEventsAsync(0, 1, Ct);
        var problem = new SipStoreProblem(followedUp.Id, SipAuditFinding.RolledBack, "Set back to version 3.");
        var gallring = new SipGallringItem(followedUp.Id, new DateOnly(2020, 1, 31), new DateOnly(2025, 1, 31), new DateOnly(2026, 12, 31));

        var tombstone = new SipTombstone
        {
            CaseId = followedUp.Id, PurgedAt = SipTestData.Start, Actor = SipTestData.FixedCareContact, RecordKind = SipRecordKind.HealthCare, RetentionYears = 10,
            LegalBasis = "3 kap. 17 § PDL", LastEntry = new DateOnly(2016, 1, 31), LastVersion = 18, LastHeadHash = "ab12", AuditKeyId = "k1", Hash = "cd34",
        };

        object?[] made =
        [
            golden,
            richestEvent,
            new SipCommandResult(golden, richestEvent, IsReplay: true),
            refused,
            refused.UnmetRequirements[0],
            dueWork,
            dueWork.Items[0],
            dueWork.Items[0].Deadline,
            SipRequirements.ConsentPlanEstablishment,
            SipRetentionRule.HealthCare.KeptFor(12),
            SipLegalReferences.Plan[0],
            SipPolicy.VastraGotaland with { FirstMeetingWithin = TimeSpan.FromDays(30), FollowUpWithin = TimeSpan.FromDays(180), SummonsReplyWithin = TimeSpan.FromDays(5), ChildConsentFromAge = 15, PlanDistributedWithin = TimeSpan.FromDays(3) },
            new SipAuditVerification(IsIntact: false, FirstBrokenSequence: 3, "The chain breaks at event 3.") { Finding = SipAuditFinding.RolledBack, Purged = true },
            page,
            checkpoint,
            storeVerification with { Problems = [problem] },
            storeVerification.Checkpoint,
            storeVerification.Checkpoint.Anchors[0] with { Purged = true },
            problem,
            gallring,
            new SipGallringPage([gallring], "next"),
            tombstone,
            feed[0],
            new SipFeedEntry { Position = long.MaxValue, Tombstone = tombstone },
            SipCaseCursor.After(followedUp),
            SipCaseIndex.Of(golden),
            new SipYearMonth(1950, 5),
            new PlanApproval { Revision = 2, ApprovedAt = SipTestData.Start },
            new SipIndicatorPeriod(new SipYearMonth(2025, 11), new SipYearMonth(2026, 2)),
            new Evaluation { MeetingId = MeetingId.New(), Respondent = EvaluationRespondent.Professional, Answers = [new EvaluationAnswer { QuestionId = "prepared", Score = 2 }], RecordedAt = SipTestData.Start },
            new SipIndicator { Name = SipIndicatorNames.OpenPastDeadline, Kind = "DEADLINE-START", Count = 0 },
            new SipIndicator { Name = SipIndicatorNames.Evaluation, Kind = "Individual:heard", Count = 8, Mean = 4.25 },
            new SipIndicatorReport
            {
                Period = new SipIndicatorPeriod(new SipYearMonth(2026, 1), new SipYearMonth(2026, 3)),
                Filter = new SipIndicatorFilter { Principal = PrincipalKind.Region, Unit = "SE2321000-0001-VCS", Policy = "Region Halland", Origin = OriginKind.InpatientDischarge },
                MinimumCellSize = 5, AsOf = SipTestData.Start, FeedPosition = 42,
                Indicators =
                [
                    new SipIndicator { Name = SipIndicatorNames.Closed, Kind = nameof(ClosureReason.Deceased), Count = 7 },
                    new SipIndicator { Name = SipIndicatorNames.PlansWithKinTakingPart, Count = 12, Numerator = 6, Share = 0.5, Unknown = 9 },
                    new SipIndicator { Name = SipIndicatorNames.ConsentToSummons, Count = 12, Median = TimeSpan.FromHours(30), Percentile90 = TimeSpan.FromHours(96) },
                    new SipIndicator { Name = SipIndicatorNames.Declined, Suppressed = true },
                ],
            },

            // Every optional member set somewhere (The_samples_populate_every_member_a_reader_sets), the engine's own included.
            SipAuditVerification.Intact,
            golden with
            {
                PreviousCaseId = SipCaseId.New(),
                ConsentRefusals = [new ConsentWithdrawal { WithdrawnAt = SipTestData.Start, WithdrawnBy = ConsentGiver.LegalGuardian, WithdrawnByReference = "vh-2", Scope = ConsentScope.All }],
                FollowUpBooking = new FollowUpBooking { At = SipTestData.Start, Place = "Digitalt" },
                Closure = new Closure { Reason = ClosureReason.LongTermGoalChanged, ClosedAt = SipTestData.Start, Note = "Nytt mål.", RestartRequested = true },
                PrincipalClosings = [new PrincipalClosing { Principal = PrincipalKind.Region, Organisation = SipTestData.PrimaryCareUnit, DocumentedAt = SipTestData.Start }],
                ExternalReferences = [new ExternalCaseReference { System = "Cosmic", CaseId = "R-77", Organisation = SipTestData.PrimaryCareUnit }],
                SummonsDeliveries = [new SummonsDelivery { MeetingId = MeetingId.New(), ParticipantId = ParticipantId.New(), State = SummonsDeliveryState.Delivered, At = SipTestData.Start }],
                PlanDistributions = [new PlanDistribution { Revision = 1, Recipient = PlanRecipientKind.Participant, ParticipantId = ParticipantId.New(), Channel = PlanDistributionChannel.SecureMessage, DistributedAt = SipTestData.Start }],
                PlanApprovals = [new PlanApproval { Revision = 1, ApprovedAt = SipTestData.Start }],
                Evaluations = [new Evaluation { MeetingId = MeetingId.New(), Respondent = EvaluationRespondent.NextOfKin, Answers = [new EvaluationAnswer { QuestionId = "heard", Score = 4 }], RecordedAt = SipTestData.Start }],
            },
            new CloseCase { CaseId = followedUp.Id, Actor = SipTestData.FixedCareContact, Reason = ClosureReason.NoNewNeedsExpected, Note = "Klart.", CommandId = CommandId.New(), ExpectedVersion = 18 },
            new CloseAndRestart { CaseId = followedUp.Id, Actor = SipTestData.FixedCareContact, Note = "Nytt mål." },
            ((Sip.Workflow.Exchange.SipExchangeMessage)HostileInputTests.Samples[typeof(Sip.Workflow.Exchange.SipExchangeMessage)]()) with
            {
                Kind = Sip.Workflow.Exchange.SipExchangeMessageKind.Summons, Closing = null, ToCaseId = null,
                Summons = (Sip.Workflow.Exchange.SipExchangeSummons)HostileInputTests.Samples[typeof(Sip.Workflow.Exchange.SipExchangeSummons)](),
            },
            ((Sip.Workflow.Exchange.SipExchangeMessage)HostileInputTests.Samples[typeof(Sip.Workflow.Exchange.SipExchangeMessage)]()) with
            {
                Kind = Sip.Workflow.Exchange.SipExchangeMessageKind.ConsentWithdrawal, Closing = null,
                ConsentWithdrawal = new ConsentWithdrawal { WithdrawnAt = SipTestData.Start, WithdrawnBy = ConsentGiver.LegalGuardian, WithdrawnByReference = "vh-1", Party = SipTestData.SchoolUnit },
            },
            ((Sip.Workflow.Exchange.SipExchangeMessage)HostileInputTests.Samples[typeof(Sip.Workflow.Exchange.SipExchangeMessage)]()) with
            {
                Kind = Sip.Workflow.Exchange.SipExchangeMessageKind.SummonsAnswer, Closing = null, Answer = (SummonsReply)HostileInputTests.Samples[typeof(SummonsReply)](),
            },
            ((Sip.Workflow.Exchange.SipExchangeMessage)HostileInputTests.Samples[typeof(Sip.Workflow.Exchange.SipExchangeMessage)]()) with
            {
                Kind = Sip.Workflow.Exchange.SipExchangeMessageKind.PlanRevision, Closing = null, ProtectedIdentity = true,
                PlanRevision = (Sip.Workflow.Exchange.SipExchangePlanRevision)HostileInputTests.Samples[typeof(Sip.Workflow.Exchange.SipExchangePlanRevision)](),
            },
            new DeclineOffer { CaseId = followedUp.Id, Actor = SipTestData.FixedCareContact, Note = "Vill inte." },
            new OpenCase
            {
                Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult(), Origin = CaseOrigin.InpatientAdmission(SipTestData.Start) with { RequestedBy = SipRequester.NextOfKin },
                IdentifiedBy = PrincipalKind.Region, IdentifyingUnit = SipTestData.PrimaryCareUnit, PreviousCaseId = SipCaseId.New(), Policy = "Region Halland",
            },
            new SipStoreHealth("SQLite store", 2),
            new SipReader { Actor = SipTestData.FixedCareContact with { OrganisationId = "SE2321000-0001-VCS", HsaId = "SE2321000016-15CQ" }, Purpose = SipAccessAction.Export, Reason = "uppföljning" },
            new SipAccessRecord
            {
                Sequence = 7, CaseId = followedUp.Id, At = SipTestData.Start, Actor = SipTestData.FixedCareContact, Action = SipAccessAction.ReadHistory, Reason = "vård", Allowed = true, Rule = SipAccessRuleNames.ParticipatingOrganisation,
            },
            new SipAccessLogQuery { CaseId = followedUp.Id, UserId = "hsa-vc-1001", AfterSequence = 3, MaxCount = 50 },
            new ContactPerson { Name = "Anna Lind", UserId = "kommun-sol-2002" },
            golden with { OpenedBy = SipTestData.FixedCareContact },
            new ChangeIndividual
            {
                CaseId = followedUp.Id, Actor = SipTestData.FixedCareContact, HasProtectedIdentity = false, InterpreterLanguage = "arabiska", BirthYearMonth = new SipYearMonth(2010, 4), ComingOfAge = new DateOnly(2028, 4, 12),
            },
            new ChangeParticipant
            {
                CaseId = followedUp.Id, Actor = SipTestData.FixedCareContact, ParticipantId = ParticipantId.New(), Contact = new ContactPerson { Name = "Kim Ek" },
                Substitute = new Substitute { Person = new ContactPerson { Name = "Per Ek" }, HasMandateToDecide = true }, Mode = ParticipationMode.Digital,
            },
            new WithdrawConsent
            {
                CaseId = followedUp.Id, Actor = SipTestData.FixedCareContact, WithdrawnBy = ConsentGiver.LegalGuardian, WithdrawnByReference = "vh-1",
                Party = SipTestData.HomeCareUnit, WithdrawnAt = SipTestData.Start, Note = "Inte hemsjukvården.",
            },
            SipTestData.ChildWithTwoGuardians() with { ComingOfAge = new DateOnly(2030, 1, 31) },
            new Consent
            {
                Id = ConsentId.New(), Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = SipTestData.Start,
                MaturityAssessment = new MaturityAssessment { AssessedAt = SipTestData.Start, AssessedBy = "Kurator", Grounds = "Samtal" },
                Parties = new ConsentParties { Organisations = [SipTestData.SocialServicesUnit] }, WithdrawnAt = SipTestData.Start,
            },
            new Deviation { Id = DeviationId.New(), Kind = DeviationKind.CalledPrincipalAbsent, Description = "Kom inte.", ParticipantId = ParticipantId.New(), RecordedAt = SipTestData.Start },
            new DischargeEpisode { AdmittedAt = SipTestData.Start, Ward = SipTestData.HomeCareUnit, FixedCareContact = SipTestData.FixedCareContactAtPrimaryCare with { AppointedAt = SipTestData.Start } },
            dueWork.Items[0] with { LeadPrincipal = SipTestData.MunicipalLead },
            new FollowUpRecord
            {
                Id = FollowUpId.New(), HeldAt = SipTestData.Start, Progress = "Bra", InterventionsCarriedOut = true, InterventionsEffective = true, NewInformation = "Flyttar.",
                AnotherActorNeeded = true, Outcome = FollowUpOutcome.Revised,
            },
            SipTestData.Interventions()[0] with { PerformedBy = ParticipantId.New(), GoalId = GoalId.New(), NeedId = NeedId.New() },
            new KinAssessment { IndividualObjects = true, JudgedSuitable = false, AssessedAt = SipTestData.Start },
            new KinParticipation { Participated = false, Offered = true, IndividualObjected = true },
            SipTestData.PlanMeeting(SipTestData.Start) with { DigitalLink = new Uri("https://mote.example/sip-1"), Documenter = new ContactPerson { Name = "Eva Berg" } },
            new Participant
            {
                Id = ParticipantId.New(), Organisation = SipTestData.SocialServicesUnit, Kind = ParticipantKind.SocialServices, Contact = new ContactPerson { Name = "Kim Ek" },
                ForwardedTo = ParticipantId.New(),
            },
            new SipCaseQuery
            {
                State = SipState.Preparing, Subject = new SubjectReference("patient-1"), LeadPrincipal = PrincipalKind.Municipality, LeadOrganisation = "Socialtjänsten",
                DeadlineAtOrBefore = SipTestData.Start, PageSize = 10, ContinuationToken = SipCaseCursor.After(followedUp).ToString(),
            },
            new SipLegalReference
            {
                Kind = RequirementSource.Law, Title = "lagen", Sfs = "2017:612", TitleAfterSfs = "om samverkan vid utskrivning från sluten hälso- och sjukvård", Chapter = 4,
                Section = "1", Part = "första stycket", Detail = "2", ValidFrom = new DateOnly(2018, 1, 1), ValidTo = new DateOnly(2030, 12, 31), Note = "Exempel.",
            },
            new SipPlan { Revision = 2, EstablishedAt = SipTestData.Start, NoInterventionsFrom = [PrincipalKind.Region], NoActionsByOthers = true },
            SipPolicy.NationalMinimum with { FollowUpGracePeriod = TimeSpan.FromDays(3), CourtAppointedRepresentativeMayConsent = true, RequireCoordinator = true },
            checkpoint with { AuditKeyId = "k1" },
            storeVerification.Checkpoint with { AuditKeyId = "k1" },
            storeVerification with { TombstonesVerified = 2 },
            new Summons { MeetingId = MeetingId.New(), SentAt = SipTestData.Start, Called = [ParticipantId.New()], Invited = [ParticipantId.New()] },
            new SummonsReply { MeetingId = MeetingId.New(), ParticipantId = ParticipantId.New(), Answer = SummonsAnswer.Forwarded, ForwardedTo = ParticipantId.New() },
        ];
        for (var i = 0; i < made.Length; i++)
        {
            var value = made[i] ?? throw new InvalidOperationException($"Sample {i} is null.");
            samples.TryAdd(value.GetType(), []);
            samples[value.GetType()].Add(value);
        }

        foreach (var id in DataTypes().Where(t => t.GetInterfaces().Contains(typeof(ISipId))))
        {
            samples[id] = [id.GetMethod("From", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [Guid.NewGuid()])!];
        }

        return samples;
    }
}
