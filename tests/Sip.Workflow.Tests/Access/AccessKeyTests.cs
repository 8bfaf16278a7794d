using CsCheck;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Access;

/// <summary>
/// The access keys the stores select lists by: for the default rules, with every switch, a case is selected for a reader
/// exactly when the rules let the reader list it — never a case they refuse (it would be loaded), never one they allow (it
/// would be missing from the reader's due work).
/// </summary>
public sealed class AccessKeyTests
{
    // Spellings that IsSameOrganisation takes for the same unit or tells apart: by identifier when both have one, else by
    // name without regard to case, white space or Unicode form — Swedish letters and a sharp s among them.
    private static readonly OrganisationReference[] Units =
    [
        new() { Name = "Vårdcentralen Söder", Identifier = "SE2321000016-15CQ" },
        new() { Name = "vårdcentralen  söder" },
        new() { Name = "VÅRDCENTRALEN SÖDER", Identifier = " se2321000016-15cq " },
        new() { Name = "Vårdcentralen Söder", Identifier = "SE2321000016-99ZZ" },
        new() { Name = "Socialtjänsten Halmstad", Identifier = "SE2120001322-A" },
        new() { Name = "Socialtjänsten Halmstad" },
        new() { Name = "Hemtjänst Öst" },
        new() { Name = "Straße 1" },
        new() { Name = "STRASSE 1" },
        new() { Name = "Hemtjänſt Öst" },
        new() { Name = "Hemtjänst Öst", Identifier = "SE2120001322-B" },
    ];

    private static readonly string?[] Users = [null, "anna", " ANNA ", "kim", "bo.ek"];

    private static readonly string[] Roles = ["handläggare", "Sip.Administrator", "SIP exchange", "sip exchange "];

    private static readonly Gen<OrganisationReference> Unit = Gen.Int[0, Units.Length - 1].Select(i => Units[i]);

    private static readonly Gen<ContactPerson?> Person = Gen.Int[0, Users.Length - 1].Select(i => Users[i] is { } user ? new ContactPerson { Name = "Person", UserId = user } : null);

    private static readonly Gen<Participant> Party = Gen.Select(Unit, Gen.Bool, Person, Person, Gen.Int[0, 2]).Select((unit, called, contact, substitute, status) => new Participant
    {
        Organisation = unit,
        Kind = called ? ParticipantKind.SocialServices : ParticipantKind.SocialInsuranceAgency,
        Role = called ? ParticipationRole.Called : ParticipationRole.Invited,
        Contact = contact,
        Substitute = substitute is null ? null : new Substitute { Person = substitute, HasMandateToDecide = false },
        ConsentWithdrawnAt = status == 1 ? SipTestData.Start : null,
        ForwardedTo = status == 2 ? ParticipantId.New() : null,
    });

    private static readonly Gen<SipCase> Cases = Gen.Select(
        Party.Array[0, 3],
        Gen.Select(Gen.Bool, Unit, Person),
        Gen.Select(Gen.Bool, Unit, Gen.Int[0, Users.Length - 1]),
        Gen.Select(Unit.Array[0, 2], Gen.Bool)).Select((parties, lead, opening, linkedAndProtected) => new SipCase
        {
            Id = SipCaseId.New(),
            Individual = SipTestData.Adult() with { HasProtectedIdentity = linkedAndProtected.Item2 },
            Origin = CaseOrigin.Outpatient(),
            IdentifiedBy = PrincipalKind.Region,
            IdentifyingUnit = opening.Item1 ? opening.Item2 : null,
            OpenedAt = SipTestData.Start,
            OpenedBy = new SipActor { UserId = Users[opening.Item3] ?? "opener", Organisation = opening.Item2.Name, OrganisationId = opening.Item2.Identifier?.Trim(), Role = "handläggare" },
            LeadPrincipal = lead.Item1 ? new LeadPrincipal { Principal = PrincipalKind.Municipality, Organisation = lead.Item2, Coordinator = lead.Item3 } : null,
            Participants = parties,
            ExternalReferences = [.. linkedAndProtected.Item1.Select((unit, i) => new ExternalCaseReference { System = "other", CaseId = "x-" + i, Organisation = unit })],
        });

    private static readonly Gen<SipAccessRules> Rules = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool).Select((named, opening, exchange) => SipAccessRules.Default with
    {
        ProtectedIdentityNamedUsersOnly = named,
        OpeningUnitTakesPart = opening,
        ExchangeRole = exchange ? SipAccessRules.Default.ExchangeRole : null,
    });

    private static readonly Gen<SipReader> Readers = Gen.Select(Unit, Gen.Int[1, Users.Length - 1], Gen.Int[0, Roles.Length - 1], Gen.Bool).Select((unit, user, role, reason) => new SipReader
    {
        Actor = new SipActor { UserId = Users[user]!, Organisation = unit.Name, OrganisationId = unit.Identifier?.Trim(), Role = Roles[role] },
        Reason = reason ? "support-4711" : null,
    });

    [Fact]
    public void A_case_is_selected_for_a_reader_exactly_when_the_default_rules_let_the_reader_list_it()
        => Gen.Select(Cases, Rules, Readers).Sample((sipCase, rules, reader) =>
        {
            var allowed = rules.Decide(new SipAccessRequest(reader.Actor, SipAccessAction.List, sipCase, null, reader.Reason)).IsAllowed;
            var scope = rules.ListScope(reader);
            var selected = scope.Keys is not { } keys || SipCaseAccessKeys.Of(sipCase).Intersect(keys, StringComparer.Ordinal).Any();
            return selected == allowed;
        }, iter: 20_000);

    // A case with every list a store may keep apart filled (plan revisions, follow-ups, evaluations, deviations, …).
    private static readonly Lazy<SipCase> WithEveryListKeptApart = new(() =>
    {
        var s = new SipScenario();
        var c = s.FollowedUpAsync().GetAwaiter().GetResult();
        return s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Avvikelse" } })
            .GetAwaiter().GetResult().Case;
    });

    [Fact]
    public void The_rules_decide_a_list_entry_on_a_cases_head_as_on_the_whole_case()
    {
        var lists = WithEveryListKeptApart.Value;
        lists.PlanRevisions.Should().NotBeEmpty();
        lists.FollowUps.Should().NotBeEmpty();
        lists.Deviations.Should().NotBeEmpty();
        Gen.Select(Cases, Rules, Readers).Sample((head, rules, reader) =>
        {
            // The generated case holds none of those lists: it is the head of the whole case that holds them.
            var whole = head with
            {
                PlanRevisions = lists.PlanRevisions,
                FollowUps = lists.FollowUps,
                Evaluations = lists.Evaluations,
                SituationChanges = lists.SituationChanges,
                InterventionStatusChanges = lists.InterventionStatusChanges,
                PlanDistributions = lists.PlanDistributions,
                PlanApprovals = lists.PlanApprovals,
                Deviations = lists.Deviations,
            };
            return rules.DecidesListsOnHeads
                && rules.Decide(new SipAccessRequest(reader.Actor, SipAccessAction.List, head, null, reader.Reason))
                    == rules.Decide(new SipAccessRequest(reader.Actor, SipAccessAction.List, whole, null, reader.Reason));
        }, iter: 5_000);
    }

    // Letters whose case mapping is unusual: sharp s, long s, dotted and dotless i, a title-case digraph, an astral letter
    // with an upper case (Deseret), and a lone surrogate.
    private static readonly string[] Pieces = ["a", "A", "å", "Å", "ß", "ſ", "s", "S", "İ", "ı", "i", "ǅ", "ǆ", "\U00010428", "\U00010400", "\uD801", " ", "\u00A0", "-"];

    [Fact]
    public void The_rules_compare_units_and_users_exactly_as_their_keys_do()
        => Gen.Select(Gen.Int[0, Pieces.Length - 1].Array[0, 6], Gen.Int[0, Pieces.Length - 1].Array[0, 6]).Sample((a, b) =>
        {
            var x = string.Concat(a.Select(i => Pieces[i]));
            var y = string.Concat(b.Select(i => Pieces[i]));
            return Sip.Workflow.Internal.SipKeyText.Same(x, y) == string.Equals(x.Trim().ToUpperInvariant(), y.Trim().ToUpperInvariant(), StringComparison.Ordinal);
        }, iter: 20_000);

    [Fact]
    public void Keys_name_no_one_and_have_one_form()
    {
        var sipCase = new SipCase
        {
            Id = SipCaseId.New(),
            Individual = SipTestData.Adult() with { HasProtectedIdentity = true },
            Origin = CaseOrigin.Outpatient(),
            IdentifiedBy = PrincipalKind.Region,
            IdentifyingUnit = SipTestData.PrimaryCareUnit,
            OpenedAt = SipTestData.Start,
            OpenedBy = SipTestData.FixedCareContact,
        };

        var keys = SipCaseAccessKeys.Of(sipCase);

        keys.Should().NotBeEmpty().And.OnlyContain(k => SipCaseAccessKeys.IsKey(k)).And.BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
        string.Concat(keys).Should().NotContainAny(SipTestData.PrimaryCareUnit.Name, SipTestData.FixedCareContact.UserId);
    }

    [Fact]
    public void A_protected_case_with_very_many_parties_is_keyed_by_unit_and_its_named_users_still_find_it()
    {
        var parties = Enumerable.Range(0, 200).Select(i => new Participant
        {
            Organisation = new OrganisationReference { Name = $"Enhet {i}", Identifier = $"SE2321000016-{i}" },
            Kind = ParticipantKind.SocialServices,
            Role = ParticipationRole.Called,
            Contact = new ContactPerson { Name = "Kontakt", UserId = $"kontakt-{i}" },
            Substitute = new Substitute { Person = new ContactPerson { Name = "Ersättare", UserId = $"ersattare-{i}" }, HasMandateToDecide = false },
        }).ToArray();
        var sipCase = new SipCase
        {
            Id = SipCaseId.New(),
            Individual = SipTestData.Adult() with { HasProtectedIdentity = true },
            Origin = CaseOrigin.Outpatient(),
            IdentifiedBy = PrincipalKind.Region,
            IdentifyingUnit = SipTestData.PrimaryCareUnit,
            OpenedAt = SipTestData.Start,
            Participants = parties,
        };
        SipReader Reader(string userId, int unit) => new SipActor { UserId = userId, Organisation = $"Enhet {unit}", OrganisationId = $"SE2321000016-{unit}", Role = "handläggare" };
        bool Selected(SipReader reader) => SipAccessRules.Default.ListScope(reader).Keys!.Intersect(SipCaseAccessKeys.Of(sipCase)).Any();

        SipCaseAccessKeys.Of(sipCase).Count.Should().BeLessThan(2_000, "keys grow with the ways of taking part, not with their product with the named users");
        Selected(Reader("kontakt-7", 7)).Should().BeTrue();
        SipAccessRules.Default.Decide(new SipAccessRequest(Reader("kontakt-7", 7).Actor, SipAccessAction.List, sipCase)).IsAllowed.Should().BeTrue();

        // Selected for the unit's other users too, and left out when decided.
        Selected(Reader("kollega-7", 7)).Should().BeTrue();
        SipAccessRules.Default.Decide(new SipAccessRequest(Reader("kollega-7", 7).Actor, SipAccessAction.List, sipCase)).IsAllowed.Should().BeFalse();
        Selected(new SipActor { UserId = "kontakt-7", Organisation = "Polisen", Role = "handläggare" }).Should().BeFalse();
    }

    [Fact]
    public void Keys_are_rewritten_only_when_what_they_derive_from_changed()
    {
        var sipCase = new SipCase
        {
            Id = SipCaseId.New(),
            Individual = SipTestData.Adult(),
            Origin = CaseOrigin.Outpatient(),
            IdentifiedBy = PrincipalKind.Region,
            IdentifyingUnit = SipTestData.PrimaryCareUnit,
            OpenedAt = SipTestData.Start,
        };

        SipCaseAccessKeys.MayDiffer(sipCase, sipCase with { Version = 2 }).Should().BeFalse();
        SipCaseAccessKeys.MayDiffer(sipCase, sipCase with { Individual = sipCase.Individual with { HasProtectedIdentity = true } }).Should().BeTrue();
        SipCaseAccessKeys.MayDiffer(sipCase, sipCase with { Participants = [new Participant { Organisation = SipTestData.SocialServicesUnit, Kind = ParticipantKind.SocialServices }] }).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("Vårdcentralen Söder")]
    public void A_query_refuses_a_value_that_is_not_an_access_key_without_echoing_it(string value)
    {
        var act = () => new SipCaseQuery { AccessKeys = [value] };

        var refused = act.Should().Throw<ArgumentException>().Which;
        refused.ParamName.Should().Be(nameof(SipCaseQuery.AccessKeys));
        refused.Message.Should().Contain("32 lowercase hexadecimal");
        if (value.Length > 0)
        {
            refused.Message.Should().NotContain(value);
        }
    }

    [Fact]
    public void A_scope_refuses_a_value_that_is_not_an_access_key()
    {
        var act = () => SipListScope.AnyOf(["not-a-key"]);

        act.Should().Throw<ArgumentException>().WithParameterName("keys").WithMessage("*32 lowercase hexadecimal*");
        SipListScope.AnyOf([]).Should().Be(SipListScope.Nothing);
        SipListScope.Everything.Keys.Should().BeNull();
    }

    [Fact]
    public void A_query_refuses_more_keys_than_a_store_is_asked_for()
    {
        var act = () => new SipCaseQuery { AccessKeys = [.. Enumerable.Range(0, SipCaseAccessKeys.MaxQueryKeys + 1).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture))] };

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(SipCaseQuery.AccessKeys)).WithMessage("*65 access keys; at most 64*");
    }
}
