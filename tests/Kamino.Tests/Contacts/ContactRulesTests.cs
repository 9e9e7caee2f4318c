using FsCheck.Xunit;
using Kamino.Contacts;

namespace Kamino.Tests.Contacts;

/// <summary>The pure contact rules: the email and phone checks, sizes and scales, roles as people write them.</summary>
public sealed class ContactRulesTests
{
    [Theory]
    [InlineData("ana@example.com")]
    [InlineData("ana.garcia+compras@sub.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("ventas@ejemplo-café.es")]
    [InlineData("X@EXAMPLE.COM")]
    public void IsEmail_PlainAddresses_Yes(string email) => Assert.Null(ContactRules.EmailProblem(email));

    [Theory]
    [InlineData("")]
    [InlineData("ana")]
    [InlineData("ana@")]
    [InlineData("@example.com")]
    [InlineData("ana@example")] // no dot in the domain
    [InlineData("ana@example.com.")]
    [InlineData("ana@.example.com")]
    [InlineData("Ana García <ana@example.com>")] // a display name
    [InlineData("<ana@example.com>")]
    [InlineData("ana @example.com")]
    [InlineData(" ana@example.com")] // the rule sees the text as given; Normalize trims it first
    [InlineData("ana@example.com, bob@example.com")]
    [InlineData("ana@exa mple.com")]
    [InlineData("ana@example.com\r\nBcc: x@evil.test")]
    [InlineData("ana@example.com\n")]
    [InlineData("a@b@example.com")]
    public void IsEmail_NotOnePlainAddress_No(string email)
    {
        Assert.False(ContactRules.IsEmail(email));
        Assert.Contains("not an email address", ContactRules.EmailProblem(email)?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void IsEmail_Over256Characters_No() =>
        Assert.Contains("256", ContactRules.EmailProblem(new string('a', 245) + "@example.com")?.ToString(), StringComparison.Ordinal);

    [Theory]
    [InlineData("+34 961 234 567")]
    [InlineData("961234567")]
    [InlineData("(96) 123-45-67")]
    [InlineData("+1 (555) 010.4477")]
    [InlineData("123456")] // 6 digits
    [InlineData("+12345678901234567890")] // 20 digits
    public void IsPhone_DigitsAndSeparators_Yes(string phone) => Assert.True(ContactRules.IsPhone(phone), phone);

    [Theory]
    [InlineData("12345")] // 5 digits
    [InlineData("123456789012345678901")] // 21 digits
    [InlineData("+34 961 234 567 ext 2")]
    [InlineData("96+1234567")] // '+' only at the start
    [InlineData("(+34) 961 234 567")]
    [InlineData("++34961234567")]
    [InlineData("961/234/567")]
    [InlineData("phone")]
    [InlineData("٩٦١٢٣٤٥٦٧")] // digits of another script
    [InlineData("961234567\n")]
    public void IsPhone_OtherCharactersOrDigitCounts_No(string phone)
    {
        Assert.False(ContactRules.IsPhone(phone), phone);
        Assert.Contains(ContactRules.PhoneRule, ContactRules.PhoneProblem(phone)?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void IsPhone_Over40Characters_No() =>
        Assert.False(ContactRules.IsPhone("+34 " + string.Join(" ", Enumerable.Repeat("9", 19)) + " - - - - -"));

    [Theory]
    [InlineData("decision-maker", ContactRole.DecisionMaker)]
    [InlineData("Decision maker", ContactRole.DecisionMaker)]
    [InlineData("DecisionMaker", ContactRole.DecisionMaker)]
    [InlineData("decisionMaker", ContactRole.DecisionMaker)]
    [InlineData("DECISION_MAKER", ContactRole.DecisionMaker)]
    [InlineData("influencer", ContactRole.Influencer)]
    [InlineData("user", ContactRole.User)]
    [InlineData("Gatekeeper", ContactRole.Gatekeeper)]
    [InlineData("champion", ContactRole.Champion)]
    public void TryParseRole_UsualSpellings(string text, ContactRole expected)
    {
        Assert.True(ContactRules.TryParseRole(text, out var role));
        Assert.Equal(expected, role);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("boss")]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("decision-maker-x")]
    public void TryParseRole_NoRole_False(string? text) => Assert.False(ContactRules.TryParseRole(text, out _));

    [Fact]
    public void RoleName_EveryRole_ReadsBack()
    {
        Assert.Equal("decision-maker, influencer, user, gatekeeper, champion", ContactRules.RoleNames);
        foreach (var role in Enum.GetValues<ContactRole>())
        {
            Assert.True(ContactRules.TryParseRole(ContactRules.RoleName(role), out var read));
            Assert.Equal(role, read);
        }
    }

    [Fact]
    public void Problems_GoodContact_None() =>
        Assert.Empty(ContactRules.Problems(new ContactFields("  Irene Soler ", "CEO", " irene@example.com ", " +34 961 234 567 ", ContactRole.Champion, 1, 5, "notes")));

    [Fact]
    public void Problems_EachBadField_KeyedByItsName()
    {
        var problems = ContactRules.Problems(new ContactFields(" ", new string('t', 201), "irene", "12", (ContactRole)42, 0, 6, new string('n', 2001)));

        Assert.Equal(["name", "title", "notes", "email", "phone", "role", "influence", "strength"], problems.Select(p => p.Field));
        Assert.Contains("0", problems.Single(p => p.Field == "influence").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_NameOf200_Fine_201_NotFine()
    {
        Assert.Empty(ContactRules.Problems(new ContactFields(new string('n', 200))));
        Assert.Equal("name", Assert.Single(ContactRules.Problems(new ContactFields(new string('n', 201)))).Field);
        Assert.Equal("name", Assert.Single(ContactRules.Problems(new ContactFields(null))).Field);
    }

    [Fact]
    public void Normalize_TrimsBlanksToNull_AndDropsRepeatedMembers()
    {
        var f = ContactRules.Normalize(new ContactFields(" Ana ", "  ", " ana@example.com ", "", null, null, null, null, false, ["u1", "u2", "u1", " "]));

        Assert.Equal(("Ana", null, "ana@example.com", null, ""), (f.Name, f.Title, f.Email, f.Phone, f.Notes));
        Assert.Equal(["u1", "u2"], f.KnownByUserIds!);
    }

    // Properties. Phone numbers are built from FsCheck's digit counts and separator choices; emails from a safe
    // alphabet. Each property checks a consequence of the rule a person relies on, not the rule restated.
    private const string Separators = " -.()";

    private static string Phone(byte count, int seed, bool plus)
    {
        var digits = 6 + count % 15; // 6..20
        var random = new Random(seed);
        var text = new System.Text.StringBuilder(plus ? "+" : "");
        for (var i = 0; i < digits; i++)
        {
            text.Append((char)('0' + random.Next(10)));
            if (i < digits - 1 && random.Next(4) == 0 && text.Length < 38 - (digits - i))
            {
                text.Append(Separators[random.Next(Separators.Length)]);
            }
        }

        return text.ToString();
    }

    [Property(MaxTest = 500)]
    public void IsPhone_6To20DigitsWithSeparators_Yes(byte count, int seed, bool plus) => Assert.True(ContactRules.IsPhone(Phone(count, seed, plus)), Phone(count, seed, plus));

    [Property(MaxTest = 500)]
    public void IsPhone_AValidNumberWithALetterOrSymbolInside_No(byte count, int seed, bool plus, char c, byte at)
    {
        if (char.IsAsciiDigit(c) || Separators.Contains(c, StringComparison.Ordinal))
        {
            return;
        }

        var phone = Phone(count, seed, plus);
        var position = 1 + at % phone.Length; // never before a leading '+'
        Assert.False(ContactRules.IsPhone(phone.Insert(position, c.ToString())), phone.Insert(position, c.ToString()));
    }

    [Property(MaxTest = 1000)]
    public void Rules_AnyText_AnswerWithoutThrowing_AndAcceptOnlyWhatTheyDescribe(string? text)
    {
        text ??= "";
        if (ContactRules.IsPhone(text))
        {
            Assert.Matches(@"^\+?[0-9 ().\-]+$", text);
        }

        if (ContactRules.IsEmail(text))
        {
            Assert.Single(text, '@'.Equals);
            Assert.DoesNotContain(text, char.IsControl);
        }
    }

    private const string LocalAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789._+-";
    private const string LabelAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static string Pick(string alphabet, int seed, int length)
    {
        var random = new Random(seed);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    /// <summary>A plain address: a local part that does not start, end or double a dot, and a domain of two or three labels.</summary>
    private static string Email(int seed, byte local, byte labels)
    {
        var name = "a" + Pick(LocalAlphabet.Replace(".", "", StringComparison.Ordinal), seed, local % 20) + "z";
        var domain = string.Join('.', Enumerable.Range(0, 2 + labels % 2).Select(i => "d" + Pick(LabelAlphabet, seed + i + 1, 1 + (labels + i) % 10)));
        return name + "@" + domain;
    }

    [Property(MaxTest = 500)]
    public void IsEmail_PlainAddresses_Yes_AndNotWithADisplayNameOrAControlCharacter(int seed, byte local, byte labels, byte at)
    {
        var email = Email(seed, local, labels);

        Assert.True(ContactRules.IsEmail(email), email);
        Assert.False(ContactRules.IsEmail("Someone <" + email + ">"));
        Assert.False(ContactRules.IsEmail(email.Insert(at % email.Length, "\n")));
        Assert.False(ContactRules.IsEmail(email + ", " + email));
    }
}
