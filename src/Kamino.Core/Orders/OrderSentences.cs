namespace Kamino.Orders;

/// <summary>What the order rules and <see cref="OrderBook"/> say to a person about an order or a change to it (<see cref="OrderProblem.Why"/>).</summary>
internal static class OrderSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["order.channel"] = new("'{0}' is not one of: phone, email, visit, web.", "«{0}» no es ninguno de estos canales: teléfono, correo, visita, web.", "t"),
        ["order.no-lines"] = new("An order needs at least one line.", "Un pedido necesita al menos una línea.", ""),
        ["order.too-many-lines"] = new("An order has at most {0} lines; this one has {1}.", "Un pedido tiene como máximo {0} líneas; este tiene {1}.", "nn"),
        ["order.received-future"] = new("The order cannot be received in the future.", "Un pedido no puede recibirse en el futuro.", ""),
        ["order.notes-too-long"] = new("Notes have at most {0} characters.", "Las notas tienen como máximo {0} caracteres.", "n"),
        ["order.line-description-required"] = new("line {0}: a description is required", "línea {0}: falta la descripción", "n"),
        ["order.line-description-too-long"] = new("line {0}: the description has more than {1} characters", "línea {0}: la descripción tiene más de {1} caracteres", "nn"),
        ["order.line-product-code-too-long"] = new("line {0}: the product code has more than {1} characters",
            "línea {0}: el código de producto tiene más de {1} caracteres", "nn"),
        ["order.line-quantity-positive"] = new("line {0}: quantity must be above 0", "línea {0}: la cantidad debe ser mayor que 0", "n"),
        ["order.line-quantity-max"] = new("line {0}: quantity must be at most {1} with up to 4 decimals", "línea {0}: la cantidad debe ser como máximo {1}, con hasta 4 decimales", "nn"),
        ["order.line-unit-price"] = new("line {0}: the unit price must be from 0 to {1}", "línea {0}: el precio unitario debe estar entre 0 y {1}", "nn"),
        ["order.line-discount"] = new("line {0}: the discount must be from 0 to 100 %, with up to 2 decimals",
            "línea {0}: el descuento debe estar entre 0 y 100 %, con hasta 2 decimales", "n"),
        ["order.start-not-received"] = new("order {0} is {1}: only a received order can be started", "el pedido {0} está {1}: solo se puede empezar un pedido recibido", "tw"),
        ["order.fulfil-not-open"] = new("order {0} is {1}: only a received or in-progress order can be fulfilled",
            "el pedido {0} está {1}: solo se puede servir un pedido recibido o en curso", "tw"),
        ["order.cancel-not-open"] = new("order {0} is {1}: only a received or in-progress order can be cancelled",
            "el pedido {0} está {1}: solo se puede cancelar un pedido recibido o en curso", "tw"),
        ["order.not-pending"] = new("order {0} is not waiting for approval", "el pedido {0} no espera ninguna aprobación", "t"),
        ["order.closed"] = new("order {0} is {1}", "el pedido {0} está {1}", "tw"),
        ["order.waits-approval"] = new("order {0} waits for a discount approval: it can be cancelled, not started or fulfilled",
            "el pedido {0} espera la aprobación de un descuento: se puede cancelar, pero no empezar ni servir", "t"),
        ["order.reason-too-long"] = new("the reason has more than {0} characters", "el motivo tiene más de {0} caracteres", "n"),
        ["order.time-before-received"] = new("the time {0} is before order {1} was received ({2})", "la hora {0} es anterior a la recepción del pedido {1} ({2})", "mtm"),
        ["order.time-before-started"] = new("the time {0} is before order {1} was started ({2})", "la hora {0} es anterior al inicio del pedido {1} ({2})", "mtm"),
        ["order.time-future"] = new("the time is in the future", "la hora está en el futuro", ""),
        ["order.no-customer"] = new("there is no such customer in this workspace", "ese cliente no existe en este espacio de trabajo", ""),
        ["order.handler-not-member"] = new("the handler is not a member of this workspace", "la persona que lo gestiona no es miembro de este espacio de trabajo", ""),
        ["order.not-found"] = new("there is no order {0} in this workspace", "no hay ningún pedido {0} en este espacio de trabajo", "t"),
        ["order.not-member"] = new("not a member of this workspace", "no es miembro de este espacio de trabajo", ""),
        ["order.handle-team-only"] = new("a {0} handles the orders of the key accounts whose team they are on; {1} is not one of them",
            "el rol {0} gestiona los pedidos de las cuentas clave de cuyo equipo forma parte; {1} no es una de ellas", "wt"),
        ["order.may-not-handle"] = new("a {0} may not handle orders", "el rol {0} no puede gestionar pedidos", "w"),
        ["order.own-decision"] = new("nobody approves or rejects their own order", "nadie aprueba ni rechaza su propio pedido", ""),
        ["order.lead-decides"] = new("a Lead KAM decides on the orders of accounts they own, of the KAMs they supervise or without an owner; {0} is not one of them",
            "un KAM responsable decide sobre los pedidos de las cuentas que lleva, de los KAM que supervisa o sin responsable; {0} no es una de ellas", "t"),
        ["order.may-not-decide"] = new("a {0} may not approve or reject discounts", "el rol {0} no puede aprobar ni rechazar descuentos", "w"),
        ["order.conflict"] = new("order {0} was changed by someone else; reload it", "otra persona ha cambiado el pedido {0}; vuelve a cargarlo", "t"),
    };
}
