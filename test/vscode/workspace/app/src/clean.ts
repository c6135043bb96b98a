export async function listContacts() {
  const res = await fetch('https://api2.frontapp.com/contacts');
  return res.json();
}
