namespace Kamino.Demo;

/// <summary>Kind of customer of the demo company; decides how and how much it rents.</summary>
internal enum DemoSegment
{
    PizzaChain,
    Delivery,
    Corporate,
    Council,
    University,
    Hotel,
    TourOperator,
    SmallBusiness,
    Individual,
}

/// <summary>A customer of the demo company. <see cref="Size"/> scales its purchases; months are 0..23.</summary>
internal sealed record DemoCustomer(string Id, string Name, DemoSegment Segment, double Size, decimal DiscountPct, int FirstMonth, int LastMonth);

/// <summary>Something the demo company sells, at its list price in euros.</summary>
internal sealed record DemoProduct(string Sku, string Name, decimal Price);

/// <summary>One line of a demo invoice or credit note (negative quantity) before the document is numbered.</summary>
internal sealed record DemoLine(DemoProduct Product, decimal Quantity, decimal UnitPrice, decimal DiscountPct)
{
    /// <summary>Net amount as an invoicing program prints it: rounded half away from zero to cents.</summary>
    public decimal Net => Math.Round(Quantity * UnitPrice * (1m - (DiscountPct / 100m)), 2, MidpointRounding.AwayFromZero);
}

/// <summary>A demo invoice or credit note; <see cref="Number"/> is given once all documents are sorted by date.</summary>
internal sealed class DemoDocument(DateOnly date, DemoCustomer customer, bool creditNote)
{
    public DateOnly Date { get; } = date;

    public DemoCustomer Customer { get; } = customer;

    public bool CreditNote { get; } = creditNote;

    public List<DemoLine> Lines { get; } = [];

    public string Number { get; set; } = "";
}

/// <summary>
/// The sales history of the demo company, an electric-motorbike rental firm in Valencia: about 300
/// customers and 24 months of invoices and credit notes. A pure function of the last month: the same
/// <c>lastDay</c> month always gives the same documents (fixed seed, no clock).
/// </summary>
internal static class DemoSales
{
    public const int Months = 24;

    private const int Seed = 2024_0611;

    // Vehicles are rented by day, week or month; fleets also pay insurance per vehicle and battery swaps.
    private static readonly DemoProduct MotoMonth = new("MOTO-125-MES", "Alquiler mensual moto eléctrica 125cc", 189m);
    private static readonly DemoProduct ScooterMonth = new("SCOOT-50-MES", "Alquiler mensual scooter eléctrico 50cc", 129m);
    private static readonly DemoProduct MotoWeek = new("MOTO-125-SEM", "Alquiler semanal moto eléctrica 125cc", 79m);
    private static readonly DemoProduct ScooterWeek = new("SCOOT-50-SEM", "Alquiler semanal scooter eléctrico 50cc", 55m);
    private static readonly DemoProduct MotoDay = new("MOTO-125-DIA", "Alquiler diario moto eléctrica 125cc", 35m);
    private static readonly DemoProduct ScooterDay = new("SCOOT-50-DIA", "Alquiler diario scooter eléctrico 50cc", 25m);
    private static readonly DemoProduct FleetInsurance = new("SEG-FLOTA-MES", "Seguro a todo riesgo flota, por vehículo y mes", 24m);
    private static readonly DemoProduct DayInsurance = new("SEG-DIA", "Seguro a todo riesgo, por día", 6m);
    private static readonly DemoProduct BatterySwap = new("BAT-SWAP", "Intercambio de batería en estación", 3.5m);
    private static readonly DemoProduct HelmetRental = new("CASCO-ALQ-DIA", "Alquiler de casco homologado, por día", 3m);
    private static readonly DemoProduct Helmet = new("CASCO-JET", "Casco jet homologado (venta)", 69m);
    private static readonly DemoProduct ThermalBox = new("BAUL-TERMICO", "Baúl térmico de reparto (venta)", 45m);
    private static readonly DemoProduct Delivery = new("ENTREGA", "Entrega y recogida en el establecimiento", 15m);
    private static readonly DemoProduct Downtime = new("ABONO-INMOV", "Abono por vehículo inmovilizado, por día", 6.3m);

    // Valencia's tourist season: how many more scooters hotels and tour operators rent in each calendar month.
    private static readonly double[] Season = [0.5, 0.6, 0.8, 1.1, 1.2, 1.5, 1.9, 2.0, 1.4, 1.0, 0.6, 0.7];

    /// <summary>The first day of the 24 months that end on <paramref name="lastDay"/>'s month.</summary>
    public static DateOnly FirstDay(DateOnly lastDay) => new DateOnly(lastDay.Year, lastDay.Month, 1).AddMonths(1 - Months);

    /// <summary>Every document of the 24 months ending with the month of <paramref name="lastDay"/>, sorted and numbered.</summary>
    public static IReadOnlyList<DemoDocument> Generate(DateOnly lastDay)
    {
        var random = new Random(Seed);
        var first = FirstDay(lastDay);
        var documents = new List<DemoDocument>();
        foreach (var customer in Customers(random))
        {
            for (var m = customer.FirstMonth; m <= customer.LastMonth; m++)
            {
                Month(random, documents, customer, m, first.AddMonths(m));
            }
        }

        // Stable sort: documents of one day keep their generation order, so numbering is reproducible.
        var sorted = documents.Select((d, i) => (d, i)).OrderBy(x => x.d.Date).ThenBy(x => x.i).Select(x => x.d).ToList();
        var counters = new Dictionary<(int Year, bool Credit), int>();
        foreach (var d in sorted)
        {
            var key = (d.Date.Year, d.CreditNote);
            counters[key] = counters.GetValueOrDefault(key) + 1;
            d.Number = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(d.CreditNote ? "R" : "F")}{d.Date.Year}-{counters[key]:00000}");
        }

        return sorted;
    }

    private static void Month(Random random, List<DemoDocument> documents, DemoCustomer c, int m, DateOnly monthStart)
    {
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var season = Season[monthStart.Month - 1];
        var progress = m / (double)(Months - 1);
        switch (c.Segment)
        {
            case DemoSegment.PizzaChain:
            case DemoSegment.Delivery:
            {
                // Delivery fleets grow over time; rent billed in advance on the 1st, battery swaps at month end.
                var growth = c.Segment == DemoSegment.PizzaChain ? 0.6 : 0.3;
                var fleet = Math.Max(1, (int)Math.Round(c.Size * (1 + (growth * progress)) * Noise(random, 0.05)));
                var rent = Doc(documents, monthStart, c);
                rent.Lines.Add(Line(MotoMonth, fleet, c));
                rent.Lines.Add(Line(FleetInsurance, fleet, c));
                if (m == c.FirstMonth || random.NextDouble() < 0.15)
                {
                    rent.Lines.Add(Line(ThermalBox, Math.Max(1, fleet / 5), c));
                    rent.Lines.Add(Line(Helmet, Math.Max(1, fleet / 4), c));
                }

                Doc(documents, monthEnd, c).Lines.Add(Line(BatterySwap, fleet * random.Next(14, 23), c));
                MaybeDowntime(random, documents, c, monthStart, fleet, 0.06);
                break;
            }

            case DemoSegment.Corporate:
            case DemoSegment.Council:
            {
                var fleet = Math.Max(1, (int)Math.Round(c.Size * Noise(random, 0.08)));
                var motos = fleet / 2;
                var rent = Doc(documents, monthStart, c);
                if (motos > 0)
                {
                    rent.Lines.Add(Line(MotoMonth, motos, c));
                }

                rent.Lines.Add(Line(ScooterMonth, fleet - motos, c));
                rent.Lines.Add(Line(FleetInsurance, fleet, c));
                Doc(documents, monthEnd, c).Lines.Add(Line(BatterySwap, fleet * random.Next(6, 13), c));
                MaybeDowntime(random, documents, c, monthStart, fleet, 0.04);
                break;
            }

            case DemoSegment.University:
            {
                // Campus fleets only during the academic year (no July, no August).
                if (monthStart.Month is 7 or 8)
                {
                    break;
                }

                var fleet = Math.Max(1, (int)Math.Round(c.Size * Noise(random, 0.1)));
                var rent = Doc(documents, monthStart, c);
                rent.Lines.Add(Line(ScooterMonth, fleet, c));
                rent.Lines.Add(Line(FleetInsurance, fleet, c));
                break;
            }

            case DemoSegment.Hotel:
            {
                // Weekly scooters for guests, billed on a monthly statement.
                var weeks = (int)Math.Round(c.Size * season * Noise(random, 0.25));
                if (weeks <= 0)
                {
                    break;
                }

                var statement = Doc(documents, monthEnd, c);
                statement.Lines.Add(Line(ScooterWeek, weeks, c));
                if (random.NextDouble() < 0.3)
                {
                    statement.Lines.Add(Line(MotoWeek, Math.Max(1, weeks / 4), c));
                }

                statement.Lines.Add(Line(HelmetRental, weeks * 7, c));
                statement.Lines.Add(Line(Delivery, Math.Max(1, weeks / 2), c));
                break;
            }

            case DemoSegment.TourOperator:
            {
                // Guided tours: one invoice per tour group, more groups in high season.
                var tours = Poisson(random, c.Size * season);
                for (var t = 0; t < tours; t++)
                {
                    var riders = random.Next(4, 13);
                    var days = random.Next(1, 3);
                    var tour = Doc(documents, monthStart.AddDays(random.Next(0, monthEnd.Day)), c);
                    tour.Lines.Add(Line(MotoDay, riders * days, c));
                    tour.Lines.Add(Line(DayInsurance, riders * days, c));
                    tour.Lines.Add(Line(HelmetRental, riders * days, c));
                }

                break;
            }

            case DemoSegment.SmallBusiness:
            {
                if (random.NextDouble() >= c.Size && m != c.FirstMonth)
                {
                    break;
                }

                var sale = Doc(documents, monthStart.AddDays(random.Next(0, monthEnd.Day)), c);
                if (random.NextDouble() < 0.5)
                {
                    sale.Lines.Add(Line(ScooterWeek, random.Next(1, 6), c));
                }
                else
                {
                    sale.Lines.Add(Line(MotoDay, random.Next(2, 11), c));
                }

                sale.Lines.Add(Line(FleetInsurance, 1, c));
                break;
            }

            case DemoSegment.Individual:
            {
                // Tourists and residents who rent once or twice; more of them in summer.
                if (random.NextDouble() >= c.Size * season && m != c.FirstMonth)
                {
                    break;
                }

                var days = random.Next(1, 8);
                var product = random.NextDouble() < 0.65 ? ScooterDay : MotoDay;
                var rental = Doc(documents, monthStart.AddDays(random.Next(0, monthEnd.Day)), c);
                rental.Lines.Add(Line(product, days, c));
                rental.Lines.Add(Line(DayInsurance, days, c));
                rental.Lines.Add(Line(HelmetRental, days * random.Next(1, 3), c));
                if (random.NextDouble() < 0.04)
                {
                    // Returned early: the unused insurance days are refunded.
                    var returned = rental.Date.AddDays(days);
                    var credit = Doc(documents, returned > monthEnd ? monthEnd : returned, c, creditNote: true);
                    credit.Lines.Add(Line(DayInsurance, -Math.Max(1, days / 2), c));
                }

                break;
            }
        }
    }

    private static void MaybeDowntime(Random random, List<DemoDocument> documents, DemoCustomer c, DateOnly monthStart, int fleet, double probability)
    {
        if (random.NextDouble() < probability)
        {
            var credit = Doc(documents, monthStart.AddDays(random.Next(9, 25)), c, creditNote: true);
            credit.Lines.Add(Line(Downtime, -random.Next(2, 3 + (fleet * 2)), c));
        }
    }

    private static DemoDocument Doc(List<DemoDocument> documents, DateOnly date, DemoCustomer c, bool creditNote = false)
    {
        var d = new DemoDocument(date, c, creditNote);
        documents.Add(d);
        return d;
    }

    private static DemoLine Line(DemoProduct product, int quantity, DemoCustomer c) => new(product, quantity, product.Price, c.DiscountPct);

    private static double Noise(Random random, double spread) => 1 + (spread * ((2 * random.NextDouble()) - 1));

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    /// <summary>Log-normal: most customers near <paramref name="median"/>, a few much larger (the heavy tail).</summary>
    private static double LogNormal(Random random, double median, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return median * Math.Exp(sigma * normal);
    }

    private static List<DemoCustomer> Customers(Random random)
    {
        var list = new List<DemoCustomer>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name, DemoSegment segment, double size, decimal discount, int firstMonth = 0, int lastMonth = Months - 1)
        {
            if (!used.Add(name))
            {
                throw new InvalidOperationException($"Demo customer name '{name}' is used twice.");
            }

            var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CLI-{list.Count + 1:0000}");
            list.Add(new DemoCustomer(id, name, segment, size, discount, firstMonth, lastMonth));
        }

        Add(PizzaChainName, DemoSegment.PizzaChain, 14, 12m);

        string[] delivery =
        [
            "Rayo Mensajería Urbana S.L.", "Bocado Express Reparto S.L.", "Última Milla Levante S.L.", "Mensajeros del Turia S.C.",
            "Sushi Nami a Domicilio S.L.", "Burger Barrio Delivery S.L.", "EcoEnvíos Valencia S.L.", "Reparto Farma Levante S.L.",
            "Tacos Rápidos Delivery S.L.", "Paellas a Casa S.L.",
        ];
        for (var i = 0; i < delivery.Length; i++)
        {
            // One courier arrives in month 8 and one leaves after month 15: a new key account and a lost one.
            Add(delivery[i], DemoSegment.Delivery, Math.Clamp(LogNormal(random, 3, 0.4), 2, 8), i % 3 == 0 ? 8m : 5m,
                firstMonth: i == 3 ? 8 : 0, lastMonth: i == 6 ? 15 : Months - 1);
        }

        string[] corporate =
        [
            "Instalaciones Eléctricas Moreno S.L.", "Telecomunicaciones Azahar S.A.", "Agencia de Seguros Mediterráneo S.L.",
            "Inmobiliaria Puerto Claro S.L.", "Fontanería y Gas Benlloch S.L.", "Ascensores Levante S.A.", "Consultora Nexo Digital S.L.",
            "Limpiezas Brillo Total S.L.", "Laboratorio Clínico Vera S.L.", "Cerrajería Rápida 24h S.L.", "Publicidad Lienzo S.L.",
            "Mantenimientos Integrales Sorolla S.L.",
        ];
        foreach (var name in corporate)
        {
            Add(name, DemoSegment.Corporate, Math.Clamp(LogNormal(random, 3, 0.5), 1, 8), 5m);
        }

        foreach (var name in (string[])["Ayuntamiento de Benimar", "Ayuntamiento de Torreblanca del Turia", "Ayuntamiento de Almarsal", "Ayuntamiento de Vilaclara"])
        {
            Add(name, DemoSegment.Council, Math.Clamp(LogNormal(random, 4, 0.4), 2, 8), 0m);
        }

        foreach (var name in (string[])["Universidad Mediterránea de Levante", "Universidad Politécnica del Turia", "Escuela de Negocios Albufera"])
        {
            Add(name, DemoSegment.University, Math.Clamp(LogNormal(random, 5, 0.4), 2, 12), 10m);
        }

        string[] hotelKinds = ["Hotel", "Apartamentos Turísticos", "Hostal", "Aparthotel", "Hotel Boutique"];
        string[] hotels =
        [
            "Brisa Marina", "Malvarrosa Sun", "Ciutat Vella", "El Carmen", "Torres de Serranos", "Puerto Luz", "La Albufera",
            "Jardín del Turia", "Palmeral", "Azahar", "Sol de Levante", "Mercado Central", "Ruzafa Loft", "Cabanyal Beach", "La Lonja",
            "Los Naranjos", "La Barraca", "El Mirador", "Plaza Redonda", "Marítimo", "Las Dunas", "El Faro", "Veles", "Casa Azul",
            "Patio Valenciano", "La Alameda", "Botánico", "Sorolla", "Mediterráneo", "Portal de Valencia",
        ];
        for (var i = 0; i < hotels.Length; i++)
        {
            Add($"{hotelKinds[i % hotelKinds.Length]} {hotels[i]}", DemoSegment.Hotel, Math.Clamp(LogNormal(random, 3, 0.6), 0.5, 10), 0m, firstMonth: i % 7 == 6 ? 10 : 0);
        }

        string[] tours =
        [
            "Valencia eTours S.L.", "Rutas Eléctricas del Turia S.L.", "Albufera Experience S.L.", "Tapas & Ride Tours S.L.",
            "Excursiones Costa Verde S.L.", "Guías Urbanas Lonja S.L.", "Moto Aventura Levante S.L.", "Futura Tours S.L.",
            "Huerta Viva Rutas S.L.", "Sunset Rides Valencia S.L.",
        ];
        foreach (var name in tours)
        {
            Add(name, DemoSegment.TourOperator, Math.Clamp(LogNormal(random, 0.8, 0.5), 0.3, 2.5), 0m);
        }

        string[] shopKinds = ["Floristería", "Panadería", "Farmacia", "Ferretería", "Librería", "Óptica", "Estudio de Fotografía", "Taller de Bicicletas", "Academia de Idiomas", "Clínica Veterinaria"];
        string[] shopNames =
        [
            "Alba", "San Roque", "Ruiz", "Giner", "Ferrer", "Navarro", "Llorens", "Climent", "Soler", "Vidal", "Peris", "Ortiz", "Marco",
            "Roig", "Esteve", "Monzó", "Bosch", "Martí", "Puig", "Sanchis", "Cano", "Tomás", "Catalá", "Serra", "Lluch", "Mas", "Vila",
            "Sempere", "Castelló", "Pons", "Aparici", "Gil", "Benavent", "Carbonell", "Ribes", "Server", "Ballester", "Mora", "Fuster", "Alemany",
        ];
        for (var i = 0; i < shopNames.Length; i++)
        {
            Add($"{shopKinds[i % shopKinds.Length]} {shopNames[i]}", DemoSegment.SmallBusiness, 0.15 + (0.45 * random.NextDouble()), 0m, firstMonth: random.Next(0, 12));
        }

        string[] givenNames =
        [
            "Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Pablo", "Carmen", "Álvaro", "Paula", "Javier", "Elena", "Daniel", "Marta",
            "Sergio", "Laura", "Adrián", "Irene", "Vicent", "Neus", "Jordi", "Emma", "Lukas", "Chloé", "Tom", "Giulia", "Sven", "Olivia",
            "Pierre", "Anna", "Finn",
        ];
        string[] surnames =
        [
            "García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno",
            "Muñoz", "Álvarez", "Romero", "Navarro", "Torres", "Domínguez", "Gil", "Vázquez", "Serrano", "Ramos", "Blanco", "Molina",
            "Schneider", "Müller", "Dubois", "Smith", "Rossi", "Jansen", "Andersson", "Murphy",
        ];
        while (list.Count < CustomerCount)
        {
            var name = $"{givenNames[random.Next(givenNames.Length)]} {surnames[random.Next(surnames.Length)]} {surnames[random.Next(24)]}";
            if (used.Contains(name))
            {
                continue;
            }

            // Their first rental is in a random month; a few come back later.
            var start = random.Next(0, Months);
            Add(name, DemoSegment.Individual, 0.08 + (0.14 * random.NextDouble()), 0m, firstMonth: start);
        }

        return list;
    }

    /// <summary>The pizza delivery chain, the demo company's largest key account.</summary>
    public const string PizzaChainName = "Vesuvio Pizza a Domicilio S.L.";

    public const int CustomerCount = 300;
}
